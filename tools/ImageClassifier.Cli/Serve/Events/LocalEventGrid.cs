using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ImageClassifier.Cli.Serve.Queues;
using ImageClassifier.Functions.Events;
using ImageClassifier.Functions.Hosting;
using ImageClassifier.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Cli.Serve.Events;

/// <summary>
/// Local stand-in for Event Grid, for <c>serve</c> only: notices new or replaced blobs in the images container and
/// writes a BlobCreated event for each to the <c>ImageEventsQueue</c> queue, where the same ClassifyBlob function as in
/// Azure picks it up. Azurite has no change feed or events, and its List Blobs sorts every blob it holds per page, so
/// the container is listed again only after a pause of several times the last listing's duration, growing while
/// nothing changes (measured figures in docs/local-blob-events.md).
/// </summary>
internal sealed class LocalEventGrid(
    StorageConnection storage,
    QueueServiceClient queues,
    QueueSignal signal,
    IConfiguration configuration,
    IOptions<StorageOptions> options,
    ILogger<LocalEventGrid> logger) : BackgroundService
{
    /// <summary>The shortest pause between listings, right after a change.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause while nothing changes.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(1);

    // A listing may take at most this share of Azurite's time.
    private const int ListingShare = 5;

    // ETag per blob name whose event was written; rebuilt from each listing, so deleted names drop out.
    private Dictionary<string, string> _sent = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // No retries: an unlistable name answers 500 every time, and the scanner's probes expect that answer at once.
        var container = storage.CreateBlobServiceClient(new BlobClientOptions { Retry = { MaxRetries = 0 } }).GetBlobContainerClient(options.Value.ImagesContainer);
        var queue = queues.GetQueueClient(configuration[BlobEventReader.QueueSetting] ?? BlobEventReader.DefaultQueue);
        var scanner = new ContainerScanner(container, prefix => ServeLog.UnlistableBlobs(logger, container.Name, Printable(prefix)));
        var idle = MinInterval;
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = TimeProvider.System.GetTimestamp();
            var sent = 0;
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                sent = await ScanAsync(scanner, container, queue, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServeLog.PollFailed(logger, container.Name, ex);
            }

            var listing = TimeProvider.System.GetElapsedTime(started);
            idle = sent > 0 ? MinInterval : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, MaxInterval.Ticks));
            await Task.Delay(idle + (listing * ListingShare), stoppingToken);
        }
    }

    private async Task<int> ScanAsync(ContainerScanner scanner, BlobContainerClient container, QueueClient queue, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, string>(_sent.Count, StringComparer.Ordinal);
        var sent = 0;
        await foreach (var item in scanner.ScanAsync(cancellationToken))
        {
            var etag = item.Properties.ETag?.ToString() ?? "";
            if (!_sent.TryGetValue(item.Name, out var known) || known != etag)
            {
                await queue.SendMessageAsync(BlobCreatedEvent.QueueMessage(container, item), cancellationToken);
                signal.Notify(queue.Name);
                sent++;
            }

            seen[item.Name] = etag;
        }

        _sent = seen;
        return sent;
    }

    // Control characters shown as \uXXXX, so the log line names the blob readably.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
