using ImageClassifier.Cli.Serve;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// serve's blob path waits for the engine's warm-up to end, whichever way it ends, so its first listings and queue polls
/// do not take CPU from the model load a new instance's first request waits for.
/// </summary>
public sealed class ModelFirstTests
{
    [SkippableFact]
    public async Task Blob_path_waits_until_the_model_is_ready()
    {
        using var engine = Engine(SharedData.ModelDirectory);

        await ModelFirst.WaitAsync(engine, CancellationToken.None);

        Assert.True(engine.IsReady);
    }

    [Fact]
    public async Task Blob_path_starts_when_the_model_cannot_load_and_leaves_the_error_to_the_engine()
    {
        using var engine = Engine(Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N")));

        await ModelFirst.WaitAsync(engine, CancellationToken.None);

        Assert.Equal(ModelReadiness.Unavailable, engine.Readiness);
    }

    [SkippableFact]
    public async Task Stopping_serve_during_the_warm_up_ends_the_wait()
    {
        using var engine = Engine(SharedData.ModelDirectory);
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelFirst.WaitAsync(engine, stopping.Token));
    }

    private static ClassifierEngine Engine(string modelDirectory) => new(
        Options.Create(new ClassifierOptions
        {
            ModelDirectory = modelDirectory,
            OptimizedModelCache = Path.Combine(Path.GetTempPath(), "model-first-" + Guid.NewGuid().ToString("N")),
            SaveOptimizedCopy = false,
        }),
        NullLogger<ClassifierEngine>.Instance);
}
