using ImageClassifier.Inference;
using ImageClassifier.Models;
using ImageClassifier.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageClassifier.Tests;

/// <summary>
/// The run-time copy of the ONNX Runtime-optimised graph: the next start loads it instead of optimising again, scores
/// the same, and a damaged copy is thrown away in favour of model.onnx.
/// </summary>
public sealed class OptimizedCopyTests(EngineFixture fixture) : IClassFixture<EngineFixture>, IDisposable
{
    private readonly string _cacheFolder = Path.Combine(Path.GetTempPath(), "classifier-tests-ort-cache-" + Guid.NewGuid().ToString("N"));

    [SkippableFact]
    public async Task Saved_optimised_copy_is_loaded_by_the_next_engine_and_scores_like_the_original()
    {
        var original = fixture.Engine;
        var options = Options();
        var files = ModelFiles.Read(SharedData.ModelDirectory);
        using (var first = ModelLoader.Open(files, options, NullLogger.Instance))
        {
            Assert.Equal(ModelSource.Original, first.LoadedFrom);
            ModelLoader.SaveRuntimeCopy(first, options);
        }

        using var next = EngineFixture.Create(SharedData.ModelDirectory, Configure);
        var report = await next.WarmUpAsync();
        var image = await File.ReadAllBytesAsync(SharedData.Image("coffee.png"));

        var expected = await original.ClassifyAsync(image);
        var actual = await next.ClassifyAsync(image);

        Assert.Equal(ModelSource.RuntimeCache, report.LoadedFrom);
        Assert.Equal(expected.Labels.Select(l => l.Index), actual.Labels.Select(l => l.Index));
        Assert.All(expected.Labels.Zip(actual.Labels), p => Assert.Equal(p.First.Probability, p.Second.Probability, 1e-4));
    }

    [SkippableFact]
    public async Task Damaged_optimised_copy_is_deleted_and_the_original_model_loaded()
    {
        var options = Options();
        var files = ModelFiles.Read(SharedData.ModelDirectory);
        var copy = OptimizedModels.RuntimePath(files, options, ExecutionProvider.Cpu, InferenceTuning.GraphOptimization);
        Directory.CreateDirectory(_cacheFolder);
        await File.WriteAllTextAsync(copy, "a copy cut short by a full disk");
        using var engine = EngineFixture.Create(SharedData.ModelDirectory, Configure);

        var report = await engine.WarmUpAsync();

        Assert.Equal(ModelSource.Original, report.LoadedFrom);
        Assert.False(File.Exists(copy));
    }

    public void Dispose()
    {
        if (Directory.Exists(_cacheFolder))
        {
            Directory.Delete(_cacheFolder, recursive: true);
        }
    }

    private ClassifierOptions Options()
    {
        var options = new ClassifierOptions { ModelDirectory = SharedData.ModelDirectory };
        Configure(options);
        return options;
    }

    private void Configure(ClassifierOptions options)
    {
        options.OptimizedModelCache = _cacheFolder;
        options.SaveOptimizedCopy = false;
        options.CacheEntries = 0;
    }
}
