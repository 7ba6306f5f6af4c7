using ImageClassifier.Backfill;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Labels one backfill work item. Undecodable images are recorded as failed and complete normally; storage errors
/// throw, the host retries the item, and after <c>maxDequeueCount</c> tries (host.json) moves it to the poison queue,
/// which <see cref="BackfillItemPoisonFunction"/> drains.
/// </summary>
public sealed class BackfillItemFunction(BackfillItemLabeller labeller, ILogger<BackfillItemFunction> logger)
{
    [Function("BackfillItem")]
    public async Task Run(
        [QueueTrigger($"%{BackfillOptions.ItemsQueueSetting}%", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (BackfillQueues.ReadItem(message) is not { } item)
        {
            Log.NotABackfillMessage(logger, "item", message);
            return;
        }

        await labeller.LabelAsync(item, cancellationToken);
    }
}
