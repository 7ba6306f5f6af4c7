namespace ImageClassifier.Cli.Serve;

/// <summary>
/// Holds serve's blob path (the Event Grid stand-in and the queue listeners) until the engine's warm-up has ended. On
/// two cores their first listings, queue polls and the code those compile took CPU from the model load that a new
/// instance's first request waits for; no blob can be labelled before the model is ready anyway, and the first listing
/// afterwards finds every blob uploaded meanwhile (docs/performance.md, "Cold start").
/// </summary>
internal static class ModelFirst
{
    /// <summary>Returns when the warm-up has succeeded or failed (a failed one is the engine's to report); throws only when cancelled.</summary>
    public static async Task WaitAsync(ClassifierEngine engine, CancellationToken cancellationToken)
    {
        try
        {
            await engine.WarmUpAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged once by the engine; blobs are then recorded as failed, as the function app does.
        }

        // A warm-up that failed just as serve was stopped: stopping wins, quietly.
        cancellationToken.ThrowIfCancellationRequested();
    }
}
