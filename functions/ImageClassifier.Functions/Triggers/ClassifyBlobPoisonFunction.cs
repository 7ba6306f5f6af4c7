using ImageClassifier.Functions.Events;
using ImageClassifier.Storage;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Ends the poison path: the host moves an event to <c>{queue}-poison</c> after <c>maxDequeueCount</c> failed tries
/// (host.json), and this records its blob as failed with the reason, so no upload goes without a record. Idempotent: a
/// record that already describes the blob's current version is left alone.
/// </summary>
public sealed class ClassifyBlobPoisonFunction(BlobEventReader events, BlobLabeller labeller)
{
    /// <summary>What a poisoned blob's record says.</summary>
    public const string Reason = "Labelling failed on every delivery of the blob's event (maxDequeueCount in host.json); the event was moved to the poison queue. Upload the blob again to retry.";

    [Function("ClassifyBlobPoison")]
    public async Task Run(
        [QueueTrigger($"%{BlobEventReader.QueueSetting}%-poison", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        foreach (var blob in events.Read(message))
        {
            await labeller.RecordExhaustedAsync(blob, Reason, cancellationToken);
        }
    }
}
