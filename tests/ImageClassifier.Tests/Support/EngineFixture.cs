using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Tests.Support;

/// <summary>
/// One engine on the shared MobileNetV2 model per test class (loading takes a few hundred milliseconds). The engine is
/// created on first use, so a class whose tests skip for lack of shared/ never touches it.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    private readonly Lazy<ClassifierEngine> _engine = new(() => Create(SharedData.ModelDirectory));

    /// <summary>The engine; skips the calling test when shared/ is missing.</summary>
    public ClassifierEngine Engine
    {
        get
        {
            SharedData.Require();
            return _engine.Value;
        }
    }

    public static ClassifierEngine Create(string modelDirectory, Action<ClassifierOptions>? configure = null)
    {
        var options = new ClassifierOptions { ModelDirectory = modelDirectory };
        configure?.Invoke(options);
        return new ClassifierEngine(Options.Create(options), NullLogger<ClassifierEngine>.Instance);
    }

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
    }
}
