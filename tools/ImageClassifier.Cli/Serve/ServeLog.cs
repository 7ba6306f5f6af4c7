using Microsoft.Extensions.Logging;

namespace ImageClassifier.Cli.Serve;

/// <summary>Source-generated log messages of the local runner.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Listing the images container failed: {Reason}")]
    public static partial void PollFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Blob {BlobName} not processed, will retry: {Reason}")]
    public static partial void BlobFailed(ILogger logger, string blobName, string reason);
}
