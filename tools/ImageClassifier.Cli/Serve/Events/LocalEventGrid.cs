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
    LabelStore store,
    ClassifierEngine engine,
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ModelFirst.WaitAsync(engine, stoppingToken);
        // No retries: an unlistable name answers 500 every time, and the scanner's probes expect that answer at once.
        var container = storage.CreateBlobServiceClient(new BlobClientOptions { Retry = { MaxRetries = 0 } }).GetBlobContainerClient(options.Value.ImagesContainer);
        var queue = queues.GetQueueClient(configuration[BlobEventReader.QueueSetting] ?? BlobEventReader.DefaultQueue);
        var scanner = new ContainerScanner(container, prefix => ServeLog.UnlistableBlobs(logger, container.Name, Printable(prefix)));
        var writer = new BlobEventWriter(queue, store, signal, logger);
        var idle = MinInterval;
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var (listing, sent) = (TimeSpan.Zero, 0);
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                (listing, sent) = await writer.ScanAsync(scanner, container, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                ServeLog.PollFailed(logger, container.Name, ex);
            }

            idle = sent > 0 ? MinInterval : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, MaxInterval.Ticks));
            await Task.Delay(idle + (listing * ListingShare), stoppingToken);
        }
    }

    // Control characters shown as \uXXXX, so the log line names the blob readably.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
