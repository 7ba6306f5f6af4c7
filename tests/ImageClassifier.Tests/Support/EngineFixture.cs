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

    /// <summary>
    /// An engine on <paramref name="modelDirectory"/> that computes every answer: no repeat cache (tests classify the same
    /// bytes more than once and compare), no optimised copy written in the background, and a run-time copy folder of
    /// its own, so what another process left in the shared temp folder is never loaded instead of model.onnx.
    /// </summary>
    public static ClassifierEngine Create(string modelDirectory, Action<ClassifierOptions>? configure = null)
    {
        var options = new ClassifierOptions
        {
            ModelDirectory = modelDirectory,
            CacheEntries = 0,
            SaveOptimizedCopy = false,
            OptimizedModelCache = Path.Combine(Path.GetTempPath(), "classifier-tests-no-ort-cache-" + Guid.NewGuid().ToString("N")),
        };
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
