using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ImageClassifier.Errors;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Storage;

/// <summary>
/// Labels one blob and records the result. Idempotent: Event Grid redelivers events and blob copies raise duplicates, so
/// a blob version already recorded (same ETag, or same content and model) is not written again, and the record's keys
/// depend only on container and name, so there is never more than one. Deterministic failures are recorded as
/// <c>failed</c> and returned normally, so they never reach the poison queue; storage errors propagate for a retry.
/// </summary>
public sealed class BlobLabeller(ClassifierEngine engine, LabelStore store, ILogger<BlobLabeller> logger)
{
    /// <summary>Labels <paramref name="blob"/> unless its current version is already recorded.</summary>
    public async Task<BlobLabelOutcome> LabelAsync(BlobClient blob, CancellationToken cancellationToken = default)
    {
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            Log.BlobGone(logger, blob.BlobContainerName, blob.Name);
            return BlobLabelOutcome.Gone;
        }

        var etag = properties.ETag.ToString();
        var existing = await store.FindBlobAsync(blob.BlobContainerName, blob.Name, cancellationToken).ConfigureAwait(false);
        if (existing?.BlobETag == etag)
        {
            return BlobLabelOutcome.AlreadyLabelled;
        }

        var model = (await engine.DescribeModelAsync(cancellationToken).ConfigureAwait(false)).Identity.ToString();
        var (partition, row) = TableKeys.ForBlob(blob.BlobContainerName, blob.Name);
        var record = new LabelRecord
        {
            PartitionKey = partition,
            RowKey = row,
            Source = "blob",
            Container = blob.BlobContainerName,
            BlobName = blob.Name,
            BlobETag = etag,
            Length = properties.ContentLength,
            ProcessedAt = DateTimeOffset.UtcNow,
        };

        var outcome = await ClassifyIntoAsync(blob, properties, record, existing, model, cancellationToken).ConfigureAwait(false);
        if (outcome == BlobLabelOutcome.Gone)
        {
            return outcome;
        }

        // The write is conditional on the record read above, so a delivery that took longer never overwrites what a
        // later one wrote. On a conflict: if the record now holds this version, this was a duplicate; if the blob has
        // changed, the newer version's own event labels it; otherwise an older version's delivery won the race, so write again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.SaveBlobAsync(record, existing?.ETag, cancellationToken).ConfigureAwait(false);
                Log.BlobRecorded(logger, blob.BlobContainerName, blob.Name, record.Status, record.TopLabel ?? record.ErrorCode ?? "");
                return outcome;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 3)
            {
                existing = await store.FindBlobAsync(blob.BlobContainerName, blob.Name, cancellationToken).ConfigureAwait(false);
                if (existing?.BlobETag == etag)
                {
                    return BlobLabelOutcome.AlreadyLabelled;
                }

                if (!await IsCurrentAsync(blob, properties.ETag, cancellationToken).ConfigureAwait(false))
                {
                    Log.BlobGone(logger, blob.BlobContainerName, blob.Name);
                    return BlobLabelOutcome.Gone;
                }
            }
        }
    }

    private static async Task<bool> IsCurrentAsync(BlobClient blob, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ETag == etag;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private async Task<BlobLabelOutcome> ClassifyIntoAsync(BlobClient blob, BlobProperties properties, LabelRecord record, LabelRecord? existing, string model, CancellationToken cancellationToken)
    {
        try
        {
            // Refuse oversize blobs from their properties, before downloading a byte.
            engine.CheckLength(properties.ContentLength);
            BinaryData content;
            try
            {
                var download = await blob.DownloadContentAsync(
                    new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } },
                    cancellationToken).ConfigureAwait(false);
                content = download.Value.Content;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                Log.BlobGone(logger, blob.BlobContainerName, blob.Name);
                return BlobLabelOutcome.Gone;
            }

            record.ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
            if (existing is { Status: LabelRecord.StatusOk } && existing.ContentSha256 == record.ContentSha256 && existing.Model == model)
            {
                // Same bytes, same model: a copy or metadata change. Keep the labels, note the new ETag.
                CopyResult(existing, record);
                return BlobLabelOutcome.AlreadyLabelled;
            }

            var result = await engine.ClassifyAsync(content.ToMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
            record.SetResult(result);
            return BlobLabelOutcome.Labelled;
        }
        catch (ImageRejectedException ex)
        {
            record.SetFailure(ex.Code, ex.Message, model);
            return BlobLabelOutcome.Failed;
        }
    }

    private static void CopyResult(LabelRecord from, LabelRecord to)
    {
        to.Model = from.Model;
        to.Status = from.Status;
        to.LabelsJson = from.LabelsJson;
        to.TopLabel = from.TopLabel;
        to.TopProbability = from.TopProbability;
        to.DecodeMs = from.DecodeMs;
        to.PreprocessMs = from.PreprocessMs;
        to.InferenceMs = from.InferenceMs;
        to.TotalMs = from.TotalMs;
        to.ProcessedAt = from.ProcessedAt;
    }
}
