using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ImageClassifier.Cli.Serve.Events;

/// <summary>
/// A BlobCreated event in the Event Grid schema, shaped as Event Grid writes it to a storage queue: the event JSON,
/// base64-encoded (MicrosoftDocs/azure-docs #102923). Field names follow Microsoft Learn's "Azure Blob Storage as an
/// Event Grid source" page.
/// </summary>
internal static class BlobCreatedEvent
{
    /// <summary>The queue message Event Grid would write for <paramref name="item"/> of <paramref name="container"/>.</summary>
    public static string QueueMessage(BlobContainerClient container, BlobItem item) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Json(container.GetBlobClient(item.Name), item.Properties)));

    /// <summary>The event's JSON for <paramref name="blob"/>.</summary>
    public static string Json(BlobClient blob, BlobItemProperties? properties = null) => JsonSerializer.Serialize(new
    {
        id = Guid.NewGuid().ToString(),
        topic = $"/subscriptions/local/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{blob.AccountName}",
        subject = $"/blobServices/default/containers/{blob.BlobContainerName}/blobs/{blob.Name}",
        eventType = "Microsoft.Storage.BlobCreated",
        eventTime = properties?.LastModified ?? DateTimeOffset.UtcNow,
        data = new
        {
            api = "PutBlob",
            contentType = properties?.ContentType,
            contentLength = properties?.ContentLength,
            blobType = "BlockBlob",
            eTag = properties?.ETag?.ToString(),
            url = blob.Uri.AbsoluteUri,
        },
        dataVersion = "",
        metadataVersion = "1",
    });
}
