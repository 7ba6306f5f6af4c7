using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions;

/// <summary>The function app's backfill log messages (event ids 2100-2199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Queue message completed without work: not a backfill {Kind}: {Message}")]
    private static partial void NotABackfillMessageCore(ILogger logger, string kind, string message);

    /// <summary>Logs enough of a bad message to find it, without writing a large one into the log.</summary>
    public static void NotABackfillMessage(ILogger logger, string kind, string message) =>
        NotABackfillMessageCore(logger, kind, message.Length <= 200 ? message : message[..200] + "...");
}
