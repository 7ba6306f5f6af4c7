using System.Diagnostics;
using System.Text;
using Azure.Storage.Queues;
using ImageClassifier.Cli.Serve.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// serve's queue listener has the host's semantics against Azurite: a message is deleted after success; a failing one
/// comes back after the visibility timeout and, after maxDequeueCount tries, moves unchanged to the poison queue; a
/// message that is not base64 goes there without a try.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueListenerTests(StorageFixture storage)
{
    private static readonly HostQueueSettings Settings = new(BatchSize: 4, NewBatchThreshold: 2, MaxDequeueCount: 3, VisibilityTimeout: TimeSpan.Zero, MaxPollingInterval: TimeSpan.FromMilliseconds(200), Base64: true);

    [SkippableFact]
    public async Task Succeeding_message_is_processed_once_and_deleted()
    {
        var queue = (await storage.CreateNamesAsync()).Queue;
        var message = $"ok-{Guid.NewGuid():N}";

        await RunUntilAsync(queue, Encode(message), () => ScriptedQueueFunction.Calls.GetValueOrDefault(message) == 1);

        Assert.Equal(1, ScriptedQueueFunction.Calls[message]);
        Assert.Equal(0, await CountAsync(queue));
    }

    [SkippableFact]
    public async Task Failing_message_is_tried_max_dequeue_count_times_then_moved_unchanged_to_the_poison_queue()
    {
        var queue = (await storage.CreateNamesAsync()).Queue;
        var message = $"fail-{Guid.NewGuid():N}";

        await RunUntilAsync(queue, Encode(message), () => CountAsync(queue + "-poison").Result == 1);

        Assert.Equal(Settings.MaxDequeueCount, ScriptedQueueFunction.Calls[message]);
        Assert.Equal(0, await CountAsync(queue));
        var poisoned = (await storage.Queue(queue + "-poison").ReceiveMessageAsync()).Value;
        Assert.Equal(Encode(message), poisoned.MessageText);
    }

    [SkippableFact]
    public async Task Message_that_is_not_base64_goes_to_the_poison_queue_without_a_try()
    {
        var queue = (await storage.CreateNamesAsync()).Queue;
        var message = $"not base64 {Guid.NewGuid():N}!";

        await RunUntilAsync(queue, message, () => CountAsync(queue + "-poison").Result == 1);

        Assert.False(ScriptedQueueFunction.Calls.ContainsKey(message));
        Assert.Equal(0, await CountAsync(queue));
    }

    [Fact]
    public async Task Listener_keeps_polling_while_storage_refuses_connections()
    {
        // Arrange: port 1 on loopback refuses connections, so every receive fails after the SDK's retries.
        var unreachable = new QueueServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), new QueueClientOptions { Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(10) } });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ScriptedQueue"] = "unreachable" }).Build();
        var function = QueueTriggeredFunction.Discover(typeof(ScriptedQueueFunction).Assembly, configuration).Single();
        using var services = new ServiceCollection().BuildServiceProvider();
        var listener = new QueueListener(function, unreachable, Settings, new QueueSignal(), services, NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        // Act: several failed polls, then a normal stop.
        var running = listener.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var faultedWhileDown = running.IsFaulted;
        await stop.CancelAsync();

        // Assert
        Assert.False(faultedWhileDown, running.Exception?.ToString());
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task RunUntilAsync(string queue, string text, Func<bool> done)
    {
        await storage.Queue(queue).CreateIfNotExistsAsync();
        await storage.Queue(queue).SendMessageAsync(text);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ScriptedQueue"] = queue }).Build();
        var function = QueueTriggeredFunction.Discover(typeof(ScriptedQueueFunction).Assembly, configuration).Single();
        using var services = new ServiceCollection().BuildServiceProvider();
        var listener = new QueueListener(function, storage.Queues, Settings, new QueueSignal(), services, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);
        var waited = Stopwatch.StartNew();
        while (!done() && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await running;
        Assert.True(done(), $"not done within 20 s on queue {queue}");
    }

    private async Task<int> CountAsync(string queue) =>
        (await storage.Queue(queue).ExistsAsync()).Value ? (await storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
