using ImageClassifier.Results;
using ImageClassifier.Tests.Support;

namespace ImageClassifier.Tests;

/// <summary>One engine, one ONNX Runtime session, many callers at once: the answers must not depend on the company.</summary>
public class ConcurrencyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const int Callers = 32;

    [SkippableFact]
    public async Task Thirty_two_parallel_classifications_give_the_same_results_as_sequential_ones()
    {
        var engine = fixture.Engine;
        var images = DistinctImages(Callers);
        var sequential = new List<ClassificationResult>();
        foreach (var image in images)
        {
            sequential.Add(await engine.ClassifyAsync(image));
        }

        var parallel = await Task.WhenAll(images.Select(image => Task.Run(() => engine.ClassifyAsync(image))));

        for (var i = 0; i < Callers; i++)
        {
            Assert.Equal(sequential[i].Labels.Select(l => (l.Index, l.Label)), parallel[i].Labels.Select(l => (l.Index, l.Label)));
            Assert.Equal(sequential[i].Labels.Select(l => l.Probability), parallel[i].Labels.Select(l => l.Probability));
        }
    }

    [SkippableFact]
    public async Task Parallel_batches_give_the_same_results_as_the_same_batches_run_in_turn()
    {
        var engine = fixture.Engine;
        var batches = DistinctImages(12).Chunk(4).ToArray();
        var sequential = new List<IReadOnlyList<ClassificationOutcome>>();
        foreach (var batch in batches)
        {
            sequential.Add(await engine.ClassifyBatchAsync(batch));
        }

        var parallel = await Task.WhenAll(batches.Select(batch => Task.Run(() => engine.ClassifyBatchAsync(batch))));

        for (var b = 0; b < batches.Length; b++)
        {
            for (var i = 0; i < batches[b].Length; i++)
            {
                Assert.Equal(
                    sequential[b][i].Result!.Labels.Select(l => (l.Index, l.Probability)),
                    parallel[b][i].Result!.Labels.Select(l => (l.Index, l.Probability)));
            }
        }
    }

    [SkippableFact]
    public async Task Concurrent_first_calls_on_a_cold_engine_all_wait_for_the_one_model_load()
    {
        using var engine = EngineFixture.Create(SharedData.ModelDirectory);
        var image = await File.ReadAllBytesAsync(SharedData.Image("coffee.png"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => engine.ClassifyAsync(image))));

        Assert.All(results, r => Assert.Equal("espresso", r.Labels[0].Label));
        Assert.All(results, r => Assert.Equal(results[0].Labels.Select(l => l.Probability), r.Labels.Select(l => l.Probability)));
    }

    [SkippableFact]
    public async Task On_the_cpu_micro_batching_is_off_by_default_and_parallel_requests_give_sequential_scores()
    {
        // The CPU path runs each request on its own, two at a time: no merged runs, so scores match exactly.
        using var engine = EngineFixture.Create(SharedData.ModelDirectory);
        var report = await engine.WarmUpAsync();
        var images = DistinctImages(6);
        var (sequential, parallel) = await InTurnThenInParallelAsync(engine, images);

        Assert.Equal(ExecutionProvider.Cpu, report.ExecutionProvider);
        Assert.False(report.MicroBatching);
        for (var i = 0; i < images.Length; i++)
        {
            Assert.Equal(sequential[i].Labels.Select(l => (l.Index, l.Probability)), parallel[i].Labels.Select(l => (l.Index, l.Probability)));
        }
    }

    [SkippableFact]
    public async Task With_micro_batching_on_parallel_requests_each_get_their_own_images_labels()
    {
        // Merged runs copy each request's tensor into one input and its scores back out; a slip would hand one request
        // another photo's labels. The int8 graph quantises activations over the whole batch, so scores move a little
        // with the company a request keeps (seen: probabilities by up to 0.1), and near-ties may swap: the top label
        // must stay among the image's own top three, which for a cat, an espresso and a tripod never overlap.
        using var engine = EngineFixture.Create(SharedData.ModelDirectory, o => o.MicroBatching = MicroBatchingMode.On);
        var report = await engine.WarmUpAsync();
        var images = DistinctImages(12);
        var (sequential, parallel) = await InTurnThenInParallelAsync(engine, images);

        Assert.True(report.MicroBatching);
        for (var i = 0; i < images.Length; i++)
        {
            Assert.Contains(parallel[i].Labels[0].Label, sequential[i].Labels.Take(3).Select(l => l.Label));
        }
    }

    // Each image classified alone, in turn, then all of them at once.
    private static async Task<(List<ClassificationResult> Sequential, ClassificationResult[] Parallel)> InTurnThenInParallelAsync(ClassifierEngine engine, ReadOnlyMemory<byte>[] images)
    {
        var sequential = new List<ClassificationResult>();
        foreach (var image in images)
        {
            sequential.Add(await engine.ClassifyAsync(image));
        }

        return (sequential, await Task.WhenAll(images.Select(image => Task.Run(() => engine.ClassifyAsync(image)))));
    }

    // The three photos in turn, each as PNG and as JPEG at several qualities, mirrored or not: distinct inputs with
    // distinct scores, neighbours always of different photos.
    private static ReadOnlyMemory<byte>[] DistinctImages(int count)
    {
        var perPhoto = new List<List<ReadOnlyMemory<byte>>>();
        int[] qualities = [0, 95, 85, 75, 60, 45];
        foreach (var name in new[] { "chelsea.png", "coffee.png", "camera.png" })
        {
            var variants = new List<ReadOnlyMemory<byte>>();
            using var photo = TestImages.Load(SharedData.Image(name));
            using var mirrored = TestImages.FlipHorizontal(photo);
            foreach (var bitmap in new[] { photo, mirrored })
            {
                foreach (var quality in qualities)
                {
                    variants.Add(quality == 0 ? TestImages.Png(bitmap) : TestImages.Jpeg(bitmap, quality));
                }
            }

            perPhoto.Add(variants);
        }

        return [.. Enumerable.Range(0, perPhoto[0].Count).SelectMany(v => perPhoto.Select(p => p[v])).Take(count)];
    }
}
