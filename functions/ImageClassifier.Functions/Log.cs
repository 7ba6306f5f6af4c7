using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions;

/// <summary>Source-generated log messages of the function app.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Could not create table {Table}: {Reason}")]
    public static partial void TableNotEnsured(ILogger logger, string table, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Rejected upload: {Status} {Code}: {Message}")]
    public static partial void Rejected(ILogger logger, int status, string code, string message);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Keep-warm tick: model {Model} ready")]
    public static partial void KeepWarm(ILogger logger, string model);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Blob {Container}/{BlobName}: {Outcome}")]
    public static partial void BlobProcessed(ILogger logger, string container, string blobName, string outcome);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Blob {Container}/{BlobName}: already labelled (redelivered or duplicate event)")]
    public static partial void BlobAlreadyLabelled(ILogger logger, string container, string blobName);
}
