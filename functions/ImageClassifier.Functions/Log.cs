using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions;

/// <summary>Source-generated log messages of the function app.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Could not create table {Table}: {Reason}")]
    public static partial void TableNotEnsured(ILogger logger, string table, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Rejected upload: {Status} {Code}: {Message}")]
    public static partial void Rejected(ILogger logger, int status, string code, string message);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Queue message completed without labelling: {Reason}: {Message}")]
    public static partial void NotABlobEvent(ILogger logger, string reason, string message);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Event {EventType} for {Url} ignored: {Reason}")]
    public static partial void EventIgnored(ILogger logger, string eventType, string url, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "{Method} {Path} failed with an unhandled exception")]
    public static partial void Unhandled(ILogger logger, string method, string path, Exception error);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Stored labels could not be read: {Reason}")]
    public static partial void StorageUnavailable(ILogger logger, string reason);
}
