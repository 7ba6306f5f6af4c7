using ImageClassifier.Backfill;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Ends a work item's poison path: the host moves it to <c>{queue}-poison</c> after <c>maxDequeueCount</c> failed
/// tries (host.json); this records its blobs as failed with the reason and counts them failed in the job, so the job
/// still ends and nothing is dropped silently.
/// </summary>
public sealed class BackfillItemPoisonFunction(BackfillItemLabeller labeller, ILogger<BackfillItemPoisonFunction> logger)
{
    /// <summary>What a poisoned item's blobs' records say.</summary>
    public const string Reason = "Labelling this blob's backfill work item failed on every try (maxDequeueCount in host.json); the item was moved to the poison queue. Run the backfill again to retry.";

    [Function("BackfillItemPoison")]
    public async Task Run(
        [QueueTrigger($"%{BackfillOptions.ItemsQueueSetting}%-poison", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (BackfillQueues.ReadItem(message) is not { } item)
        {
            Log.NotABackfillMessage(logger, "poisoned item", message);
            return;
        }

        await labeller.RecordPoisonedAsync(item, Reason, cancellationToken);
    }
}
