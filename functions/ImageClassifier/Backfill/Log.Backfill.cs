using Microsoft.Extensions.Logging;

namespace ImageClassifier;

/// <summary>The engine's backfill log messages (event ids 1200-1299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Backfill {Job}: page {Page} listed {Blobs} blobs in {Items} work items (last: {Last})")]
    public static partial void BackfillPageListed(ILogger logger, string job, int page, int blobs, int items, bool last);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Backfill {Job}: container {Container} no longer exists; listing ends")]
    public static partial void BackfillContainerGone(ILogger logger, string job, string container);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Backfill {Job}: {Item} was recorded by an earlier delivery; nothing done")]
    public static partial void BackfillItemReplayed(ILogger logger, string job, string item);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Backfill {Job}: {Item} exhausted its retries; {Blobs} blobs counted as failed")]
    public static partial void BackfillItemPoisoned(ILogger logger, string job, string item, int blobs);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Backfill {Job}: listing page {Page} of container {Container} exhausted its retries; the job ends incomplete without its blobs")]
    public static partial void BackfillPagePoisoned(ILogger logger, string job, int page, string container);
}
