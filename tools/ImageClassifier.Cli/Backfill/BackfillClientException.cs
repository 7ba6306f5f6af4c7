namespace ImageClassifier.Cli.Backfill;

/// <summary>A backfill request that failed, with a message for the user.</summary>
internal sealed class BackfillClientException(string message) : Exception(message);
