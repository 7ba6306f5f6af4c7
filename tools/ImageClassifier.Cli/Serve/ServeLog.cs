using Microsoft.Extensions.Logging;

namespace ImageClassifier.Cli.Serve;

/// <summary>Source-generated log messages of the local runner.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Looking for new blobs in container {Container} failed; trying again on the next poll")]
    public static partial void PollFailed(ILogger logger, string container, Exception exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "{Failed} of {Changed} blob events could not be written to queue {Queue}; the next listing writes them")]
    public static partial void EventsNotWritten(ILogger logger, int failed, int changed, string queue, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Container {Container}: blobs whose names start with \"{Prefix}\" followed by a control character cannot be listed by Azurite; they are skipped (rename them to have them labelled)")]
    public static partial void UnlistableBlobs(ILogger logger, string container, string prefix);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Queue {Queue} unreachable; polling again shortly")]
    public static partial void QueueUnavailable(ILogger logger, string queue, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Function {Function} failed on message {MessageId} (try {DequeueCount} of {MaxDequeueCount})")]
    public static partial void FunctionFailed(ILogger logger, string function, string messageId, long dequeueCount, int maxDequeueCount, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Message {MessageId} moved from {Queue} to {PoisonQueue} after {DequeueCount} tries")]
    public static partial void MovedToPoison(ILogger logger, string messageId, string queue, string poisonQueue, long dequeueCount);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is not valid base64 (host.json messageEncoding); moved to the poison queue")]
    public static partial void MessageUndecodable(ILogger logger, string queue, string messageId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Message {MessageId} of function {Function} could not be completed; it is delivered again when its lease lapses")]
    public static partial void MessageNotCompleted(ILogger logger, string function, string messageId, Exception exception);
}
