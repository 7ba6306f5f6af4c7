using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using ImageClassifier.Cli.Serve.Queues;
using ImageClassifier.Storage;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Cli.Serve.Events;

/// <summary>
/// One pass of the stand-in for Event Grid: lists the container, then writes a BlobCreated event for every blob that is
/// new or has a new ETag since the last pass. Only events written are remembered, so one that could not be written is
/// written by the next pass. The first pass starts from the labels table instead of from nothing: a blob whose record
/// already holds its current ETag would only be skipped by ClassifyBlob, so a restarted runner writes no event for it.
/// </summary>
internal sealed class BlobEventWriter(QueueClient queue, LabelStore store, QueueSignal signal, ILogger logger)
{
    // Event writes in flight at once after a listing that found many new blobs.
    private const int WritesInFlight = 8;

    // ETag per blob name whose event was written, or whose record the first pass found in the labels table; rebuilt
    // from each listing, so deleted names drop out.
    private Dictionary<string, string>? _known;

    /// <summary>
    /// Lists, then writes the events. Returns how long the listing alone took, so the caller's pause grows with what
    /// listing costs Azurite and not with the writes: timing both made a burst of 150 uploads hold the next listing back
    /// for 30 s, and the blobs uploaded meanwhile waited that long.
    /// </summary>
    public async Task<(TimeSpan Listing, int Written)> ScanAsync(ContainerScanner scanner, BlobContainerClient container, CancellationToken cancellationToken)
    {
        _known ??= (await store.RecordedVersionsAsync(container.Name, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => r.Key, r => Unquoted(r.Value), StringComparer.Ordinal);
        var started = TimeProvider.System.GetTimestamp();
        var seen = new Dictionary<string, string>(_known.Count, StringComparer.Ordinal);
        var changed = new List<BlobItem>();
        await foreach (var item in scanner.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            var etag = ETagOf(item);
            if (_known.TryGetValue(item.Name, out var known) && known == etag)
            {
                seen[item.Name] = etag;
            }
            else
            {
                changed.Add(item);
            }
        }

        var listing = TimeProvider.System.GetElapsedTime(started);
        var failed = 0;
        Exception? firstFailure = null;
        await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = WritesInFlight, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            try
            {
                await queue.SendMessageAsync(BlobCreatedEvent.QueueMessage(container, item), ct).ConfigureAwait(false);
                lock (seen)
                {
                    seen[item.Name] = ETagOf(item);
                }

                signal.Notify(queue.Name);
            }
            // A timeout is a failed write like any other; only the runner stopping ends the pass.
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, ex, null);
            }
        }).ConfigureAwait(false);

        _known = seen;
        if (firstFailure is not null)
        {
            ServeLog.EventsNotWritten(logger, failed, changed.Count, queue.Name, firstFailure);
        }

        return (listing, changed.Count - failed);
    }

    private static string ETagOf(BlobItem item) => Unquoted(item.Properties.ETag?.ToString() ?? "");

    // Records hold the ETag of a response header, quoted since service version 2011-08-18 (Learn, .NET API reference,
    // Azure.Storage.Blobs.Models.BlockList.ETag); a listing's form is not promised to match, so compare without quotes.
    private static string Unquoted(string etag) => etag.Trim('"');
}
