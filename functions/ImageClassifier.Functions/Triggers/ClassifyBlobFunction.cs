using ImageClassifier.Functions.Events;
using ImageClassifier.Storage;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Labels each image created in the images container. Event Grid delivers the container's BlobCreated events to the
/// storage queue named by <c>ImageEventsQueue</c>; a queue trigger scales to zero on both plans (Container Apps derives
/// a queue-length rule from it, where a blob trigger would count every blob ever stored).
/// Undecodable images are recorded as failed and complete normally; storage errors throw, the host makes the message
/// visible again, and after <c>maxDequeueCount</c> tries (host.json) moves it to the poison queue, which
/// <see cref="ClassifyBlobPoisonFunction"/> drains.
/// </summary>
public sealed class ClassifyBlobFunction(BlobEventReader events, BlobLabeller labeller)
{
    [Function("ClassifyBlob")]
    public async Task Run(
        [QueueTrigger($"%{BlobEventReader.QueueSetting}%", Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        foreach (var blob in events.Read(message))
        {
            await labeller.LabelAsync(blob, cancellationToken);
        }
    }
}
