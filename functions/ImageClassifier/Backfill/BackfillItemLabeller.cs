using Azure.Storage.Blobs;
using ImageClassifier.Storage;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Backfill;

/// <summary>
/// The one place a backfill work item is labelled: each blob through <see cref="BlobLabeller"/> (the blob trigger's
/// labeller, with its idempotence and failure records) in the job's mode, then the item's row with its counts, written
/// once. A replayed item whose row exists does nothing.
/// </summary>
public sealed class BackfillItemLabeller(BlobServiceClient blobs, BlobLabeller labeller, BackfillStore store, ILogger<BackfillItemLabeller> logger)
{
    /// <summary>
    /// Labels the item's blobs and records its counts (the row returned); null when an earlier delivery recorded it.
    /// Storage errors propagate so the host retries the item.
    /// </summary>
    public Task<BackfillRow?> LabelAsync(BackfillItemMessage item, CancellationToken cancellationToken = default) =>
        RecordOnceAsync(item, async (blob, counts) =>
        {
            switch (await labeller.LabelAsync(blob, item.Mode, cancellationToken).ConfigureAwait(false))
            {
                case BlobLabelOutcome.Labelled:
                    counts.Done++;
                    break;
                case BlobLabelOutcome.Failed:
                    counts.Failed++;
                    break;
                default:
                    counts.Skipped++;
                    break;
            }
        }, cancellationToken);

    /// <summary>
    /// Ends the poison path of an item the host gave up on: every blob without a record of its current version is
    /// recorded as failed with <paramref name="reason"/>, and the whole item counts as failed in the job (a record
    /// that already describes a blob is kept: a failed relabel does not throw labels away).
    /// </summary>
    public async Task<BackfillRow?> RecordPoisonedAsync(BackfillItemMessage item, string reason, CancellationToken cancellationToken = default)
    {
        var row = await RecordOnceAsync(item, async (blob, counts) =>
        {
            await labeller.RecordBackfillExhaustedAsync(blob, reason, cancellationToken).ConfigureAwait(false);
            counts.Failed++;
        }, cancellationToken).ConfigureAwait(false);
        if (row is not null)
        {
            Log.BackfillItemPoisoned(logger, item.Job, item.Row, item.Blobs.Count);
        }

        return row;
    }

    // Both paths: nothing when an earlier delivery recorded the item, else each blob in turn, then the item's row, once.
    private async Task<BackfillRow?> RecordOnceAsync(BackfillItemMessage item, Func<BlobClient, BackfillRow, Task> eachBlob, CancellationToken cancellationToken)
    {
        if (await store.ExistsAsync(item.Job, item.Row, cancellationToken).ConfigureAwait(false))
        {
            Log.BackfillItemReplayed(logger, item.Job, item.Row);
            return null;
        }

        var row = NewRow(item);
        var container = blobs.GetBlobContainerClient(item.Container);
        foreach (var name in item.Blobs)
        {
            await eachBlob(container.GetBlobClient(name), row).ConfigureAwait(false);
        }

        if (await store.TryAddAsync(row, cancellationToken).ConfigureAwait(false))
        {
            ClassifierTelemetry.BackfillItemFinished(item.Job);
        }

        return row;
    }

    private static BackfillRow NewRow(BackfillItemMessage item) => new() { PartitionKey = item.Job, RowKey = item.Row };
}
