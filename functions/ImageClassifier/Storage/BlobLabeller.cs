using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ImageClassifier.Backfill;
using ImageClassifier.Errors;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Storage;

/// <summary>
/// Labels one blob and records the result. Idempotent: Event Grid redelivers events and blob copies raise duplicates, so
/// a blob version already recorded (same ETag, or same content and model) is not written again, and the record's keys
/// depend only on container and name, so there is never more than one. Deterministic failures are recorded as
/// <c>failed</c> and returned normally, so they never reach the poison queue; storage errors propagate for a retry.
/// Each call logs its outcome once; callers do not log it again.
/// </summary>
public sealed class BlobLabeller(ClassifierEngine engine, LabelStore store, ILogger<BlobLabeller> logger)
{
    /// <summary>Error code of a blob whose event was retried until the host gave up (the poison path).</summary>
    public const string RetriesExhaustedCode = "retries_exhausted";

    /// <summary>Labels <paramref name="blob"/> unless its current version is already recorded (the blob event path).</summary>
    public Task<BlobLabelOutcome> LabelAsync(BlobClient blob, CancellationToken cancellationToken = default) =>
        TracedAsync(TelemetryNames.Blob, blob, mode: null, exhaustedReason: null, cancellationToken);

    /// <summary>
    /// Labels <paramref name="blob"/> for a backfill: <see cref="BackfillMode.Missing"/> skips a blob with any record,
    /// <see cref="BackfillMode.Stale"/> also one whose record describes its current version from the current model,
    /// <see cref="BackfillMode.All"/> labels it again whatever is stored. The write is as conditional as on the event path.
    /// </summary>
    public Task<BlobLabelOutcome> LabelAsync(BlobClient blob, BackfillMode mode, CancellationToken cancellationToken = default) =>
        TracedAsync(TelemetryNames.Backfill, blob, mode, exhaustedReason: null, cancellationToken);

    // One classify span and one counted outcome per blob, whichever way the labelling ends. With a reason, the blob is
    // not labelled but recorded as exhausted (the poison path).
    private async Task<BlobLabelOutcome> TracedAsync(string source, BlobClient blob, BackfillMode? mode, string? exhaustedReason, CancellationToken cancellationToken)
    {
        var scope = ClassificationScope.Start(source);
        scope.Span?.SetTag(TelemetryNames.BlobPathTag, $"{blob.BlobContainerName}/{blob.Name}");
        try
        {
            var outcome = exhaustedReason is null
                ? await LabelCoreAsync(blob, mode, cancellationToken).ConfigureAwait(false)
                : await RecordExhaustedCoreAsync(blob, exhaustedReason, cancellationToken).ConfigureAwait(false);
            if (exhaustedReason is not null && outcome == BlobLabelOutcome.Failed)
            {
                scope.Complete(TelemetryNames.Exhausted, RetriesExhaustedCode);
            }
            else
            {
                scope.Complete(OutcomeName(outcome));
            }

            return outcome;
        }
        catch (Exception)
        {
            scope.Complete(TelemetryNames.Error);
            throw;
        }
    }

    private static string OutcomeName(BlobLabelOutcome outcome) => outcome switch
    {
        BlobLabelOutcome.Labelled => TelemetryNames.Labelled,
        BlobLabelOutcome.Failed => TelemetryNames.Failed,
        BlobLabelOutcome.AlreadyLabelled => TelemetryNames.Skipped,
        _ => TelemetryNames.Gone,
    };

    private async Task<BlobLabelOutcome> LabelCoreAsync(BlobClient blob, BackfillMode? mode, CancellationToken cancellationToken)
    {
        if (await ReadPropertiesAsync(blob, cancellationToken).ConfigureAwait(false) is not { } properties)
        {
            return Logged(blob, BlobLabelOutcome.Gone);
        }

        var existing = await store.FindBlobAsync(blob.BlobContainerName, blob.Name, cancellationToken).ConfigureAwait(false);
        // Only the stale mode needs the model before deciding, so a duplicate event is skipped even while it loads.
        var model = mode == BackfillMode.Stale ? await CurrentModelAsync(cancellationToken).ConfigureAwait(false) : null;
        if (IsUpToDate(existing, properties.ETag.ToString(), model, mode))
        {
            return Logged(blob, BlobLabelOutcome.AlreadyLabelled);
        }

        model ??= await CurrentModelAsync(cancellationToken).ConfigureAwait(false);
        var record = NewRecord(blob, properties);
        var outcome = await ClassifyIntoAsync(blob, properties, record, mode == BackfillMode.All ? null : existing, model, cancellationToken).ConfigureAwait(false);
        if (outcome == BlobLabelOutcome.Gone)
        {
            return Logged(blob, outcome);
        }

        return Logged(blob, await SaveAsync(blob, properties.ETag, record, existing, outcome, cancellationToken).ConfigureAwait(false), record);
    }

    /// <summary>
    /// Records <paramref name="blob"/> as failed with <see cref="RetriesExhaustedCode"/> and <paramref name="reason"/>:
    /// the end of the poison path, so no blob is dropped without a record. A record that already describes the blob's
    /// current version (a later delivery succeeded, or this ran before) is left as it is.
    /// </summary>
    public Task<BlobLabelOutcome> RecordExhaustedAsync(BlobClient blob, string reason, CancellationToken cancellationToken = default) =>
        TracedAsync(TelemetryNames.Blob, blob, mode: null, reason, cancellationToken);

    /// <summary>As <see cref="RecordExhaustedAsync"/>, for a blob of a backfill work item the host gave up on.</summary>
    public Task<BlobLabelOutcome> RecordBackfillExhaustedAsync(BlobClient blob, string reason, CancellationToken cancellationToken = default) =>
        TracedAsync(TelemetryNames.Backfill, blob, mode: null, reason, cancellationToken);

    private async Task<BlobLabelOutcome> RecordExhaustedCoreAsync(BlobClient blob, string reason, CancellationToken cancellationToken)
    {
        if (await ReadPropertiesAsync(blob, cancellationToken).ConfigureAwait(false) is not { } properties)
        {
            return Logged(blob, BlobLabelOutcome.Gone);
        }

        var existing = await store.FindBlobAsync(blob.BlobContainerName, blob.Name, cancellationToken).ConfigureAwait(false);
        if (existing?.BlobETag == properties.ETag.ToString())
        {
            return Logged(blob, BlobLabelOutcome.AlreadyLabelled);
        }

        var record = NewRecord(blob, properties);
        record.SetFailure(RetriesExhaustedCode, reason, model: null);
        return Logged(blob, await SaveAsync(blob, properties.ETag, record, existing, BlobLabelOutcome.Failed, cancellationToken).ConfigureAwait(false), record);
    }

    // The event path skips a version already recorded, whatever model wrote it; a backfill decides by its mode.
    private async Task<string> CurrentModelAsync(CancellationToken cancellationToken) =>
        (await engine.DescribeModelAsync(cancellationToken).ConfigureAwait(false)).Identity.ToString();

    private static bool IsUpToDate(LabelRecord? existing, string etag, string? model, BackfillMode? mode) => mode switch
    {
        null => existing?.BlobETag == etag,
        BackfillMode.Missing => existing is not null,
        BackfillMode.Stale => existing?.BlobETag == etag && existing.Model == model,
        _ => false,
    };

    private static async Task<BlobProperties?> ReadPropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static LabelRecord NewRecord(BlobClient blob, BlobProperties properties) =>
        LabelRecord.ForBlob(blob.BlobContainerName, blob.Name, properties.ETag.ToString(), properties.ContentLength);

    // The write is conditional on the record read before, so a delivery that took longer never overwrites what a later
    // one wrote. On a conflict: if the record now holds this version, this was a duplicate; if the blob has changed, the
    // newer version's own event labels it; otherwise an older version's delivery won the race, so write again.
    private async Task<BlobLabelOutcome> SaveAsync(BlobClient blob, ETag etag, LabelRecord record, LabelRecord? existing, BlobLabelOutcome outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.SaveBlobAsync(record, existing?.ETag, cancellationToken).ConfigureAwait(false);
                return outcome;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 3)
            {
                existing = await store.FindBlobAsync(blob.BlobContainerName, blob.Name, cancellationToken).ConfigureAwait(false);
                if (existing?.BlobETag == etag.ToString())
                {
                    return BlobLabelOutcome.AlreadyLabelled;
                }

                if (!await IsCurrentAsync(blob, etag, cancellationToken).ConfigureAwait(false))
                {
                    return BlobLabelOutcome.Gone;
                }
            }
        }
    }

    private static async Task<bool> IsCurrentAsync(BlobClient blob, ETag etag, CancellationToken cancellationToken) =>
        (await ReadPropertiesAsync(blob, cancellationToken).ConfigureAwait(false))?.ETag == etag;

    private BlobLabelOutcome Logged(BlobClient blob, BlobLabelOutcome outcome, LabelRecord? record = null)
    {
        switch (outcome)
        {
            case BlobLabelOutcome.Gone:
                Log.BlobGone(logger, blob.BlobContainerName, blob.Name);
                break;
            case BlobLabelOutcome.AlreadyLabelled:
                Log.BlobAlreadyLabelled(logger, blob.BlobContainerName, blob.Name);
                break;
            default:
                Log.BlobRecorded(logger, blob.BlobContainerName, blob.Name, record!.Status, record.TopLabel ?? record.ErrorCode ?? "");
                break;
        }

        return outcome;
    }

    private async Task<BlobLabelOutcome> ClassifyIntoAsync(BlobClient blob, BlobProperties properties, LabelRecord record, LabelRecord? existing, string model, CancellationToken cancellationToken)
    {
        try
        {
            // Refuse oversize blobs from their properties, before downloading a byte.
            engine.CheckLength(properties.ContentLength);
            if (await DownloadAsync(blob, properties, cancellationToken).ConfigureAwait(false) is not { } content)
            {
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
            ClassifierTelemetry.Refused(ClassifierTelemetry.CurrentClassification(), ex.Code);
            record.SetFailure(ex.Code, ex.Message, model);
            return BlobLabelOutcome.Failed;
        }
    }

    // The download span covers the read alone. Null when the blob was deleted or replaced since its properties were read.
    private static async Task<BinaryData?> DownloadAsync(BlobClient blob, BlobProperties properties, CancellationToken cancellationToken)
    {
        using var span = ClassifierTelemetry.StartSpan(TelemetryNames.DownloadSpan);
        span?.SetTag(TelemetryNames.BlobPathTag, $"{blob.BlobContainerName}/{blob.Name}");
        span?.SetTag(TelemetryNames.ImageBytesTag, properties.ContentLength);
        try
        {
            var download = await blob.DownloadContentAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } },
                cancellationToken).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
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
