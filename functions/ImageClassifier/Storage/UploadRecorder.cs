using Azure;
using ImageClassifier.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Storage;

/// <summary>
/// Records the results of HTTP uploads: the counterpart of <see cref="BlobLabeller"/> for the HTTP path. A result is
/// stored under a new id; losing the write (an outage, a timeout) must not lose the answer, so it is logged and the
/// caller learns that nothing was stored.
/// </summary>
public sealed class UploadRecorder(LabelStore store, IOptions<StorageOptions> options, ILogger<UploadRecorder> logger)
{
    /// <summary>
    /// Stores each labelled outcome (rejections are not stored) and returns, per outcome, the id it was stored under,
    /// or null when it was not. Waits at most <see cref="StorageOptions.StoreTimeout"/>.
    /// </summary>
    public async Task<string?[]> RecordAsync(IReadOnlyList<ClassificationOutcome> outcomes, IReadOnlyList<string?> fileNames, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.StoreTimeout);
        var saves = new Task<string?>[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            saves[i] = outcome.Succeeded ? SaveAsync(outcome.Result, fileNames[i], timeout.Token, cancellationToken) : Task.FromResult<string?>(null);
        }

        return await Task.WhenAll(saves).ConfigureAwait(false);
    }

    private async Task<string?> SaveAsync(ClassificationResult result, string? fileName, CancellationToken timeout, CancellationToken cancellationToken)
    {
        var id = TableKeys.NewUploadId();
        var (partition, row) = TableKeys.ForUpload(id);
        var record = new LabelRecord
        {
            PartitionKey = partition,
            RowKey = row,
            Source = "http",
            Id = id,
            FileName = fileName,
            ContentSha256 = result.ContentSha256,
            Length = result.Length,
            ProcessedAt = DateTimeOffset.UtcNow,
        };
        record.SetResult(result);
        try
        {
            await store.SaveAsync(record, timeout).ConfigureAwait(false);
            return id;
        }
        // Azure.Core reports a service or transport failure as RequestFailedException, and retries that all failed with
        // exceptions as an AggregateException of them ("Retry failed after N tries", Azure/azure-sdk-for-net
        // sdk/core/Azure.Core/src/Pipeline/RetryPolicy.cs); the store timeout cancels. The caller's cancellation propagates.
        catch (Exception ex) when (ex is RequestFailedException or AggregateException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.NotStored(logger, id, ex.Message);
            return null;
        }
    }
}
