using ImageClassifier.Backfill;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Lists one page of a backfill's container per message and enqueues the page's work items and the next page, so the
/// listing itself is spread over messages and no instance holds it whole.
/// </summary>
public sealed class BackfillListFunction(BackfillLister lister, ILogger<BackfillListFunction> logger)
{
    [Function("BackfillList")]
    public async Task Run(
        [QueueTrigger($"%{BackfillOptions.PagesQueueSetting}%", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (BackfillQueues.ReadPage(message) is not { } page)
        {
            Log.NotABackfillMessage(logger, "page", message);
            return;
        }

        await lister.ListPageAsync(page, cancellationToken);
    }
}
