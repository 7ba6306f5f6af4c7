using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ImageClassifier.Cli.Serve.Events;
using ImageClassifier.Cli.Serve.Queues;
using ImageClassifier.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// One pass of serve's stand-in for Event Grid against Azurite: the pause before the next listing is sized from the
/// listing alone, and an event that could not be written is written again by the next pass, once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobEventWriterTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Events_are_written_eight_at_a_time_after_the_listing_and_their_time_is_not_listing_time()
    {
        // Arrange: sixteen new blobs and a queue where every write takes a second.
        var (names, container, queue) = await ContainerAndQueueAsync(16);
        var slow = new ScriptedQueue(queue, _ => TimeSpan.FromSeconds(1));
        var writer = new BlobEventWriter(slow, Store(names), new QueueSignal(), NullLogger.Instance);

        // Act
        var clock = Stopwatch.StartNew();
        var (listing, written) = await writer.ScanAsync(new ContainerScanner(container, _ => { }), container, CancellationToken.None);
        var pass = clock.Elapsed;

        // Assert: two rounds of eight one-second writes came after the listing, and are not counted in it.
        Assert.Equal(16, written);
        Assert.Equal(8, slow.MostInFlight);
        Assert.True(listing <= pass - TimeSpan.FromSeconds(2), $"listing reported as {listing} for a pass of {pass}");
        Assert.Equal(16, await CountAsync(queue));
    }

    [SkippableFact]
    public async Task Event_that_could_not_be_written_is_written_by_the_next_pass_and_no_other_twice()
    {
        // Arrange: the first write for blob-01 fails as storage would.
        var (names, container, queue) = await ContainerAndQueueAsync(3);
        var failures = 1;
        var flaky = new ScriptedQueue(queue, message => message.Contains("blob-01", StringComparison.Ordinal) && Interlocked.Decrement(ref failures) >= 0
            ? throw new RequestFailedException(503, "Service unavailable")
            : TimeSpan.Zero);
        var writer = new BlobEventWriter(flaky, Store(names), new QueueSignal(), NullLogger.Instance);
        var scanner = new ContainerScanner(container, _ => { });

        // Act
        var first = (await writer.ScanAsync(scanner, container, CancellationToken.None)).Written;
        var second = (await writer.ScanAsync(scanner, container, CancellationToken.None)).Written;
        var third = (await writer.ScanAsync(scanner, container, CancellationToken.None)).Written;

        // Assert
        Assert.Equal([2, 1, 0], new[] { first, second, third });
        Assert.Equal(3, await CountAsync(queue));
    }

    [SkippableFact]
    public async Task Restarted_runner_writes_events_only_for_blobs_whose_record_does_not_hold_their_current_etag()
    {
        // Arrange: blob-00 and blob-03 recorded at their current version (as the response header gives it, and bare),
        // blob-01 recorded at an older one, blob-02 never recorded.
        var (names, container, queue) = await ContainerAndQueueAsync(4);
        var store = Store(names);
        await RecordAsync(store, container, "blob-00.jpg", await HeaderETagAsync(container, "blob-00.jpg"));
        await RecordAsync(store, container, "blob-03.jpg", (await HeaderETagAsync(container, "blob-03.jpg")).Trim('"'));
        await RecordAsync(store, container, "blob-01.jpg", "\"0x8D000000000000\"");
        var writer = new BlobEventWriter(queue, store, new QueueSignal(), NullLogger.Instance);

        // Act
        var written = (await writer.ScanAsync(new ContainerScanner(container, _ => { }), container, CancellationToken.None)).Written;
        var events = (await queue.PeekMessagesAsync(32)).Value.Select(m => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText))).ToList();

        // Assert
        Assert.Equal(2, written);
        Assert.Single(events, e => e.Contains("blob-01.jpg", StringComparison.Ordinal));
        Assert.Single(events, e => e.Contains("blob-02.jpg", StringComparison.Ordinal));
    }

    private static async Task<string> HeaderETagAsync(BlobContainerClient container, string blobName) =>
        (await container.GetBlobClient(blobName).GetPropertiesAsync()).Value.ETag.ToString();

    private static Task RecordAsync(LabelStore store, BlobContainerClient container, string blobName, string etag) =>
        store.SaveAsync(LabelRecord.ForBlob(container.Name, blobName, etag, length: 1));

    private LabelStore Store(StorageNames names) =>
        new(storage.Tables, Options.Create(new StorageOptions { LabelsTable = names.Table, ImagesContainer = names.Container }));

    private async Task<(StorageNames Names, BlobContainerClient Container, QueueClient Queue)> ContainerAndQueueAsync(int blobs)
    {
        var names = await storage.CreateNamesAsync();
        var container = storage.Container(names);
        for (var i = 0; i < blobs; i++)
        {
            await container.UploadBlobAsync($"blob-{i:D2}.jpg", BinaryData.FromString("x"));
        }

        var queue = storage.Queue(names.Queue);
        await queue.CreateIfNotExistsAsync();
        return (names, container, queue);
    }

    private static async Task<int> CountAsync(QueueClient queue) =>
        (await queue.PeekMessagesAsync(32)).Value.Length;

    // A real queue whose writes first wait, or fail, as the script says for each message's decoded text; it counts the
    // most writes it had in flight at once.
    private sealed class ScriptedQueue(QueueClient inner, Func<string, TimeSpan> script) : QueueClient
    {
        private int _inFlight;
        private int _mostInFlight;

        public override string Name => inner.Name;

        public int MostInFlight => Volatile.Read(ref _mostInFlight);

        public override async Task<Response<SendReceipt>> SendMessageAsync(string messageText, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _inFlight);
            try
            {
                int most;
                while (now > (most = Volatile.Read(ref _mostInFlight)) && Interlocked.CompareExchange(ref _mostInFlight, now, most) != most)
                {
                }

                await Task.Delay(script(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(messageText))), cancellationToken);
                return await inner.SendMessageAsync(messageText, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
