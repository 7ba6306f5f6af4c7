using Azure;
using Azure.Storage.Blobs;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Backfill;

/// <summary>
/// Lists one page of a job's container and fans it out: the page's work items, then the next page's message (with the
/// continuation token), then the page's row. Recording the page last makes a retry safe: until the row exists, a
/// second delivery lists the same page again and re-sends items with the same ids, whose results are written once.
/// </summary>
public sealed class BackfillLister(BlobServiceClient blobs, BackfillStore store, BackfillQueues queues, IOptions<BackfillOptions> options, ILogger<BackfillLister> logger)
{
    // Sends in flight per page: a page of 1,000 blobs is about 60 messages, each its own HTTP request.
    private const int ParallelSends = 16;

    /// <summary>Lists the page <paramref name="message"/> names and enqueues its work and the next page.</summary>
    public async Task ListPageAsync(BackfillPageMessage message, CancellationToken cancellationToken = default)
    {
        var (names, next) = await ListAsync(message, cancellationToken).ConfigureAwait(false);
        var items = BackfillItems.Split(names, options.Value.BackfillItemSize);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (i, ct) => await queues.SendAsync(new BackfillItemMessage(message.Job, message.Container, message.Mode, message.Page, i, items[i]), ct).ConfigureAwait(false)).ConfigureAwait(false);

        if (next is not null)
        {
            await queues.SendAsync(message with { Page = message.Page + 1, Continuation = next }, cancellationToken).ConfigureAwait(false);
        }

        var row = new BackfillRow { PartitionKey = message.Job, RowKey = BackfillRow.PageKey(message.Page), Listed = names.Count, Items = items.Count, Last = next is null };
        // Counted once per page, when its row is first written: a replayed page re-sends the same items.
        if (await store.TryAddAsync(row, cancellationToken).ConfigureAwait(false))
        {
            ClassifierTelemetry.BackfillItemsListed(message.Job, items.Count);
        }

        Log.BackfillPageListed(logger, message.Job, message.Page, names.Count, items.Count, next is null);
    }

    /// <summary>
    /// Ends the poison path of a page the host gave up on: the page's row records <paramref name="reason"/> instead of
    /// counts, so the job ends (<c>incomplete</c>, once what was listed is labelled) instead of staying in <c>listing</c>.
    /// False when the page was recorded already (a replay, or a page that was listed after all).
    /// </summary>
    public async Task<bool> RecordPoisonedAsync(BackfillPageMessage message, string reason, CancellationToken cancellationToken = default)
    {
        var row = new BackfillRow { PartitionKey = message.Job, RowKey = BackfillRow.PageKey(message.Page), Error = reason, CreatedAt = DateTimeOffset.UtcNow };
        var recorded = await store.TryAddAsync(row, cancellationToken).ConfigureAwait(false);
        if (recorded)
        {
            Log.BackfillPagePoisoned(logger, message.Job, message.Page, message.Container);
        }

        return recorded;
    }

    private async Task<(List<string> Names, string? Next)> ListAsync(BackfillPageMessage message, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(message.Container);
        var prefix = string.IsNullOrEmpty(message.Prefix) ? null : message.Prefix;
        try
        {
            await foreach (var page in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken)
                               .AsPages(message.Continuation, options.Value.BackfillPageSize).ConfigureAwait(false))
            {
                return ([.. page.Values.Select(b => b.Name)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The container was deleted after the job started: nothing more to list, and retrying will not change that.
            Log.BackfillContainerGone(logger, message.Job, message.Container);
        }

        return ([], null);
    }
}
