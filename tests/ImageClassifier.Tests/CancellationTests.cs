using ImageClassifier.Tests.Support;
using SkiaSharp;

namespace ImageClassifier.Tests;

/// <summary>A caller that gives up (a closed HTTP request, a stopping host) stops the work through its token.</summary>
public class CancellationTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    [SkippableFact]
    public async Task Classification_with_an_already_cancelled_token_throws_OperationCanceledException()
    {
        var engine = fixture.Engine;
        await engine.WarmUpAsync();
        var image = SmallPng();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.ClassifyAsync(image, cancellationToken: cancellation.Token));
    }

    [SkippableFact]
    public async Task Cancelling_a_long_batch_midway_throws_OperationCanceledException_before_it_would_have_finished()
    {
        // 64 images take seconds of int8 inference here; the token fires after 300 ms, inside preprocessing or inside the
        // ONNX Runtime run (RunOptions.Terminate). Either way the call must end with a cancellation, well before a full run.
        var engine = fixture.Engine;
        await engine.WarmUpAsync();
        var images = Enumerable.Range(0, 64).Select(i => (ReadOnlyMemory<byte>)SmallPng((byte)i)).ToArray();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.ClassifyBatchAsync(images, cancellationToken: cancellation.Token));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"took {started.Elapsed}");
    }

    [SkippableFact]
    public async Task Engine_keeps_working_after_a_cancelled_call()
    {
        var engine = fixture.Engine;
        var images = Enumerable.Range(0, 32).Select(i => (ReadOnlyMemory<byte>)SmallPng((byte)i)).ToArray();
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.ClassifyBatchAsync(images, cancellationToken: cancellation.Token));
        }

        var result = await engine.ClassifyAsync(await File.ReadAllBytesAsync(SharedData.Image("coffee.png")));

        Assert.Equal("espresso", result.Labels[0].Label);
    }

    [SkippableFact]
    public async Task Waiting_for_warm_up_with_a_cancelled_token_throws_OperationCanceledException()
    {
        using var engine = EngineFixture.Create(SharedData.ModelDirectory);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.WarmUpAsync(cancellation.Token));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Disposing_a_runner_ends_the_runs_still_waiting_in_it_instead_of_leaving_them_pending(bool microBatching)
    {
        // Arrange: one run at a time, so all but the first of eight submissions are still waiting at Dispose.
        SharedData.Require();
        var options = new ClassifierOptions
        {
            SaveOptimizedCopy = false,
            OptimizedModelCache = Path.Combine(Path.GetTempPath(), "classifier-tests-no-ort-cache-" + Guid.NewGuid().ToString("N")),
        };
        using var session = Inference.ModelLoader.Open(Models.ModelFiles.Read(SharedData.ModelDirectory), options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Inference.IInferenceRunner runner = microBatching
            ? new Inference.MicroBatcher(session, maxBatch: 1, TimeSpan.Zero, concurrentRuns: 1)
            : new Inference.BoundedRunner(session, runsInFlight: 1);
        var input = new float[session.InputLength];
        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(() => runner.RunAsync(input, 1, new float[session.Classes], CancellationToken.None))).ToArray();

        // Act
        runner.Dispose();
        var ended = Task.WhenAll(runs.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));

        // Assert
        Assert.Same(ended, await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    private static byte[] SmallPng(byte shade = 128)
    {
        using var bitmap = TestImages.Uniform(64, 64, new SKColor(shade, (byte)(255 - shade), 90));
        return TestImages.Png(bitmap);
    }
}
