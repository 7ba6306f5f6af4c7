using ImageClassifier.Backfill;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Ends a listing page's poison path: the host moves the page to <c>{queue}-poison</c> after <c>maxDequeueCount</c>
/// failed tries (host.json); this records the page as not listed, with the reason, so the job ends <c>incomplete</c>
/// once what was listed is labelled, instead of staying in <c>listing</c> for good.
/// </summary>
public sealed class BackfillListPoisonFunction(BackfillLister lister, ILogger<BackfillListPoisonFunction> logger)
{
    /// <summary>What the job's status says when one of its pages is poisoned.</summary>
    public const string Reason = "A listing page failed on every try (maxDequeueCount in host.json) and was moved to the poison queue, so its blobs were not listed, nor those after it unless it had sent the next page. Start the backfill again with mode 'missing' to label what this job did not reach.";

    [Function("BackfillListPoison")]
    public async Task Run(
        [QueueTrigger($"%{BackfillOptions.PagesQueueSetting}%-poison", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        if (BackfillQueues.ReadPage(message) is not { } page)
        {
            Log.NotABackfillMessage(logger, "poisoned page", message);
            return;
        }

        await lister.RecordPoisonedAsync(page, $"Page {page.Page}: {Reason}", cancellationToken);
    }
}
