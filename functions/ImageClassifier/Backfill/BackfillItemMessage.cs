namespace ImageClassifier.Backfill;

/// <summary>
/// A work item: blob names from one listing page, numbered within the page. Its id (<see cref="Row"/>) is the same on
/// every delivery, so its result is written once however often it is delivered.
/// </summary>
public sealed record BackfillItemMessage(string Job, string Container, BackfillMode Mode, int Page, int Item, IReadOnlyList<string> Blobs)
{
    /// <summary>Row key of the item's result in the jobs table.</summary>
    public string Row => BackfillRow.ItemKey(Page, Item);
}
