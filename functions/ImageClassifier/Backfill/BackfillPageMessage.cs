namespace ImageClassifier.Backfill;

/// <summary>
/// A listing page to fetch: the job, what it covers, the page's number and the continuation token that starts it (null
/// for the first). The lister sends the next page's message itself, so no instance holds the whole listing.
/// </summary>
public sealed record BackfillPageMessage(string Job, string Container, string Prefix, BackfillMode Mode, int Page, string? Continuation);
