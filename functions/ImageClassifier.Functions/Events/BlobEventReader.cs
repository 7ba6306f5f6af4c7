using Azure.Storage.Blobs;
using ImageClassifier.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Functions.Events;

/// <summary>
/// Turns a queue message from Event Grid into the blobs to act on: blob-created events for the images container,
/// addressed through the app's own storage client (its identity), never through a URL's own credentials. Anything else
/// is logged once here and skipped, so the message completes instead of looping into the poison queue.
/// </summary>
public sealed class BlobEventReader(BlobServiceClient blobs, IOptions<StorageOptions> options, ILogger<BlobEventReader> logger)
{
    /// <summary>The app setting that names the queue Event Grid writes to.</summary>
    public const string QueueSetting = "ImageEventsQueue";

    /// <summary>The queue's name where the setting is absent (the local runner).</summary>
    public const string DefaultQueue = "image-events";

    /// <summary>The blobs <paramref name="message"/> asks to label; empty for anything that is not such an event.</summary>
    public IReadOnlyList<BlobClient> Read(string message)
    {
        if (BlobEventMessage.Parse(message, out var problem) is not { } events)
        {
            Log.NotABlobEvent(logger, problem!, Preview(message));
            return [];
        }

        var container = options.Value.ImagesContainer;
        var targets = new List<BlobClient>(events.Count);
        foreach (var e in events)
        {
            if (e.EventType != BlobEventMessage.BlobCreated)
            {
                Log.EventIgnored(logger, e.EventType, e.Url, "not a blob-created event");
            }
            else if (!Uri.TryCreate(e.Url, UriKind.Absolute, out var url))
            {
                Log.EventIgnored(logger, e.EventType, e.Url, "data.url is not an absolute URL");
            }
            else if (new BlobUriBuilder(url) is not { BlobContainerName: { Length: > 0 } name, BlobName: { Length: > 0 } blobName })
            {
                Log.EventIgnored(logger, e.EventType, e.Url, "data.url names no blob");
            }
            else if (name != container)
            {
                Log.EventIgnored(logger, e.EventType, e.Url, $"not in the images container '{container}'");
            }
            else
            {
                targets.Add(blobs.GetBlobContainerClient(name).GetBlobClient(blobName));
            }
        }

        return targets;
    }

    // Enough of a bad message to find it, without writing a large one into the log.
    private static string Preview(string message) => message.Length <= 200 ? message : message[..200] + "...";
}
