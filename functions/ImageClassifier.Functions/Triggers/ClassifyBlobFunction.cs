using Azure.Storage.Blobs;
using ImageClassifier.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Labels each image created in the images container. Event Grid is the only blob trigger source Flex Consumption
/// supports; it also avoids the polling trigger's delays at scale (azure-functions-host #9880).
/// </summary>
public sealed class ClassifyBlobFunction(BlobLabeller labeller, ILogger<ClassifyBlobFunction> logger)
{
    [Function("ClassifyBlob")]
    public async Task Run(
        [BlobTrigger("%ImagesContainer%/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        // Undecodable images are recorded as failed and return normally; storage errors throw, and the platform retries.
        var outcome = await labeller.LabelAsync(blob, cancellationToken);
        if (outcome == BlobLabelOutcome.AlreadyLabelled)
        {
            Log.BlobAlreadyLabelled(logger, blob.BlobContainerName, name);
        }
        else
        {
            Log.BlobProcessed(logger, blob.BlobContainerName, name, outcome.ToString());
        }
    }
}
