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

    [SkippableFact]
    public async Task New_instance_with_no_copy_anywhere_loads_model_onnx_and_names_it_by_its_hash()
    {
        // Arrange: nothing in the run-time folder and no publish-time folder, as on a new cloud instance (a folder of the
        // test's own, so an optimize run on the shared model cannot change the path taken).
        var options = Options();
        using var model = ModelLinkedFromShared();
        var expected = ModelFiles.Read(model.Path).Identity;
        using var engine = EngineFixture.Create(model.Path, Configure);

        // Act
        var report = await engine.WarmUpAsync();

        // Assert
        Assert.False(OptimizedModels.MayExist(model.Path, options, ExecutionProvider.Cpu));
        Assert.Equal(ModelSource.Original, report.LoadedFrom);
        Assert.Equal(expected, report.Model);
    }

    [SkippableFact]
    public void Copies_are_looked_for_first_only_where_one_for_this_provider_or_a_published_folder_exists()
    {
        // Arrange: copies named as the engine names them.
        var options = Options();
        using var model = ModelLinkedFromShared();
        var files = ModelFiles.Read(model.Path);
        Directory.CreateDirectory(_cacheFolder);
        var empty = OptimizedModels.MayExist(model.Path, options, ExecutionProvider.Cpu);
        File.WriteAllText(OptimizedModels.RuntimePath(files, options, ExecutionProvider.Cuda, InferenceTuning.GraphOptimization), "a CUDA copy");

        // Act
        var cudaCopyOnly = OptimizedModels.MayExist(model.Path, options, ExecutionProvider.Cpu);
        var forCuda = OptimizedModels.MayExist(model.Path, options, ExecutionProvider.Cuda);
        File.WriteAllText(OptimizedModels.RuntimePath(files, options, ExecutionProvider.Cpu, InferenceTuning.GraphOptimization), "a CPU copy");
        var cpuCopy = OptimizedModels.MayExist(model.Path, options, ExecutionProvider.Cpu);
        Directory.Delete(_cacheFolder, recursive: true);
        Directory.CreateDirectory(model.File(OptimizedModels.PublishedFolder));
        var published = OptimizedModels.MayExist(model.Path, options, ExecutionProvider.Cpu);

        // Assert
        Assert.False(empty);
        Assert.False(cudaCopyOnly);
        Assert.True(forCuda);
        Assert.True(cpuCopy);
        Assert.True(published);
    }

    public void Dispose()
    {
        if (Directory.Exists(_cacheFolder))
        {
            Directory.Delete(_cacheFolder, recursive: true);
        }
    }

    private static TempModelDirectory ModelLinkedFromShared() =>
        new TempModelDirectory().WithModelFrom(Path.Combine(SharedData.ModelDirectory, "model.onnx")).WithLabels(File.ReadAllLines(Path.Combine(SharedData.ModelDirectory, "labels.txt")));

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
