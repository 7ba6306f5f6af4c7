using System.Diagnostics;
using ImageClassifier.Cli.Serve;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// serve's blob path (the Event Grid stand-in and the queue listeners) waits for the engine's warm-up to end, whichever
/// way it ends, so its first listings and queue polls do not take CPU from the model load a new instance's first
/// request waits for. The warm-up is held by a model.onnx that is a named pipe: every read of it blocks until the test
/// opens and closes the other end, and the graph is then empty, so the load fails.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModelFirstTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Blob_path_touches_no_queue_until_the_warm_up_ends_then_starts_when_it_fails()
    {
        // Arrange: a runner watching blobs whose engine cannot finish loading until the pipe is released.
        Skip.IfNot(OperatingSystem.IsLinux(), "named pipes via mkfifo");
        var names = await storage.CreateNamesAsync();
        using var model = HeldModel();
        using var engine = Engine(model.Directory);
        await using var app = LocalRunner.Build("http://127.0.0.1:0", AppSettings.For(names, ("Classifier:ModelDirectory", model.Directory)), watchBlobs: true, engine: engine);
        string[] queues = [names.Queue, names.PagesQueue, names.ItemsQueue];

        // Act
        await app.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var whileWarmingUp = await ExistingAsync(queues);
        var readiness = engine.Readiness;
        model.Release();
        var afterwards = await WaitForAsync(queues, TimeSpan.FromSeconds(30));
        await app.StopAsync();

        // Assert: nothing before (the unwatched runner creates every queue within milliseconds), all three after.
        Assert.Equal(ModelReadiness.WarmingUp, readiness);
        Assert.Empty(whileWarmingUp);
        Assert.Equal(queues.Order(), afterwards.Order());
        Assert.Equal(ModelReadiness.Unavailable, engine.Readiness);
    }

    [SkippableFact]
    public async Task Stopping_serve_during_the_warm_up_ends_the_wait()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "named pipes via mkfifo");
        using var model = HeldModel();
        using var engine = Engine(model.Directory);
        using var stopping = new CancellationTokenSource();

        var wait = ModelFirst.WaitAsync(engine, stopping.Token);
        await Task.Delay(100);
        var waitingBeforeStop = !wait.IsCompleted;
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.True(waitingBeforeStop);
        model.Release();
        await Assert.ThrowsAsync<Errors.ModelLoadException>(() => engine.WarmUpAsync());
    }

    private async Task<List<string>> ExistingAsync(IEnumerable<string> queues)
    {
        var existing = new List<string>();
        foreach (var queue in queues)
        {
            if (await storage.Queue(queue).ExistsAsync())
            {
                existing.Add(queue);
            }
        }

        return existing;
    }

    private async Task<List<string>> WaitForAsync(string[] queues, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        List<string> existing;
        while ((existing = await ExistingAsync(queues)).Count < queues.Length && deadline.Elapsed < limit)
        {
            await Task.Delay(50);
        }

        return existing;
    }

    private static ClassifierEngine Engine(string modelDirectory) => new(
        Options.Create(new ClassifierOptions
        {
            ModelDirectory = modelDirectory,
            OptimizedModelCache = Path.Combine(Path.GetTempPath(), "model-first-" + Guid.NewGuid().ToString("N")),
            SaveOptimizedCopy = false,
        }),
        NullLogger<ClassifierEngine>.Instance);

    private static HeldPipeModel HeldModel() => new();

    /// <summary>A model directory whose model.onnx is a named pipe; <see cref="Release"/> opens and closes its writing end.</summary>
    private sealed class HeldPipeModel : IDisposable
    {
        private bool _released;

        public HeldPipeModel()
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("model-first-").FullName;
            File.WriteAllLines(Path.Combine(Directory, "labels.txt"), ["a", "b"]);
            using var mkfifo = Process.Start("mkfifo", [Path.Combine(Directory, "model.onnx")]);
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        public string Directory { get; }

        // Opened for reading and writing, a pipe never blocks the opener (Linux fifo(7)); every reader blocked in open()
        // gets the pipe, and once this end is closed, end of file.
        public void Release()
        {
            if (_released)
            {
                return;
            }

            _released = true;
            using (new FileStream(Path.Combine(Directory, "model.onnx"), FileMode.Open, FileAccess.ReadWrite))
            {
            }
        }

        public void Dispose()
        {
            Release();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
