using Microsoft.Extensions.Logging;

namespace ImageClassifier;

/// <summary>Source-generated log messages of the engine.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Loading model {ModelDirectory}")]
    public static partial void LoadingModel(ILogger logger, string modelDirectory);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Model {Model} ready on {ExecutionProvider} in {LoadMs:F0} ms (first run {FirstRunMs:F1} ms, batch {Batching})")]
    public static partial void ModelReady(ILogger logger, string model, ExecutionProvider executionProvider, double loadMs, double firstRunMs, string batching);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "CUDA execution provider unavailable, running on CPU: {Reason}")]
    public static partial void CudaUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Model load failed")]
    public static partial void ModelLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Optimised model copy {Path} not used: {Reason}")]
    public static partial void OptimizedCopyRejected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Saved an optimised copy of the model for later starts in {Seconds:F1} s")]
    public static partial void OptimizedCopySaved(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Could not save an optimised copy of the model: {Reason}")]
    public static partial void OptimizedCopyNotSaved(ILogger logger, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Decoding could not be prepared while the model loaded: {Reason}")]
    public static partial void ImagingNotPrimed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Blob {Container}/{BlobName} was deleted or replaced before it could be read; skipped")]
    public static partial void BlobGone(ILogger logger, string container, string blobName);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Blob {Container}/{BlobName} recorded as {Status}: {Summary}")]
    public static partial void BlobRecorded(ILogger logger, string container, string blobName, string status, string summary);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Result {Id} not stored: {Reason}")]
    public static partial void NotStored(ILogger logger, string id, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Blob {Container}/{BlobName}: already labelled (redelivered or duplicate event)")]
    public static partial void BlobAlreadyLabelled(ILogger logger, string container, string blobName);
}
