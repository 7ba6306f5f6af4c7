using System.Text.Json.Serialization;

namespace ImageClassifier.Backfill;

/// <summary>
/// What <c>GET /api/backfill/{jobId}</c> answers. <see cref="Remaining"/> is listed minus accounted for; the state is
/// <c>listing</c> until the last page is listed, <c>labelling</c> until every work item is accounted for, then <c>done</c>;
/// or <c>incomplete</c> instead of <c>done</c> when a listing page exhausted its retries (<see cref="Error"/> says which):
/// that page's blobs, and the ones after it unless it had sent the next page, were never listed; what was listed is
/// still labelled first.
/// </summary>
public sealed record BackfillStatus(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("container")] string Container,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("listed")] int Listed,
    [property: JsonPropertyName("done")] int Done,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    /// <summary>State while pages are still being listed.</summary>
    public const string Listing = "listing";

    /// <summary>State once every page is listed and work items remain.</summary>
    public const string Labelling = "labelling";

    /// <summary>State once every listed blob is accounted for.</summary>
    public const string Finished = "done";

    /// <summary>State once every listed blob is accounted for, when a listing page could not be listed.</summary>
    public const string Incomplete = "incomplete";

    /// <summary>True for the states a job stays in: <see cref="Finished"/> and <see cref="Incomplete"/>.</summary>
    public static bool IsFinal(string state) => state is Finished or Incomplete;

    /// <summary>True once nothing more will change: <see cref="IsFinal(string)"/> for this status's state.</summary>
    [JsonIgnore]
    public bool Ended => IsFinal(State);

    /// <summary>Blobs listed and not yet accounted for.</summary>
    [JsonPropertyName("remaining")]
    public int Remaining => Listed - Done - Skipped - Failed;

    /// <summary>
    /// Sums a job's rows (the job row and every page and item row of its partition) at <paramref name="now"/>; a page
    /// that could not be listed ends the listing <paramref name="grace"/> after it was recorded
    /// (<see cref="BackfillOptions.BackfillPoisonedPageGrace"/>).
    /// </summary>
    public static BackfillStatus Sum(BackfillRow job, IEnumerable<BackfillRow> rows, DateTimeOffset now, TimeSpan grace)
    {
        var pages = new Dictionary<int, BackfillRow>();
        var items = new List<BackfillRow>();
        foreach (var row in rows)
        {
            if (row.RowKey.StartsWith(BackfillRow.PagePrefix, StringComparison.Ordinal))
            {
                pages[BackfillRow.ParsePageKey(row.RowKey)] = row;
            }
            else if (row.RowKey.StartsWith(BackfillRow.ItemPrefix, StringComparison.Ordinal))
            {
                items.Add(row);
            }
        }

        // An item counts once its page is recorded and only if the page enqueued it: a page replayed after the
        // container changed may have enqueued a different number the first time.
        int done = 0, skipped = 0, failed = 0, accounted = 0;
        foreach (var item in items)
        {
            var (page, number) = BackfillRow.ParseItemKey(item.RowKey);
            if (pages.TryGetValue(page, out var listed) && number < listed.Items)
            {
                done += item.Done;
                skipped += item.Skipped;
                failed += item.Failed;
                accounted++;
            }
        }

        // The listing ends at the first page that is the last one, or that could not be listed and sent no next page
        // (page n+1 is sent before page n is recorded, so a later page can be recorded first). A page that could not be
        // listed may still have sent its successor (its own row was what kept failing); it ends the listing only when
        // no later page is recorded and the grace has passed since it was recorded, for such a successor to show up.
        var highest = pages.Count > 0 ? pages.Keys.Max() : -1;
        var end = pages
            .Where(p => p.Value.Last || (p.Value.Error is not null && p.Key == highest && now - p.Value.CreatedAt >= grace))
            .Select(p => p.Key).DefaultIfEmpty(-1).Min();
        var listingDone = end >= 0 && Enumerable.Range(0, end + 1).All(pages.ContainsKey);
        var error = pages.OrderBy(p => p.Key).Select(p => p.Value.Error).FirstOrDefault(e => e is not null);
        var state = !listingDone ? Listing
            : accounted != pages.Values.Sum(p => p.Items) ? Labelling
            : error is null ? Finished : Incomplete;
        return new BackfillStatus(job.PartitionKey, job.Container ?? "", job.Prefix ?? "", job.Mode ?? "", state, pages.Values.Sum(p => p.Listed), done, skipped, failed, job.CreatedAt, error);
    }

    /// <summary>The final status kept in an ended job's own row.</summary>
    public static BackfillStatus Final(BackfillRow job) =>
        new(job.PartitionKey, job.Container ?? "", job.Prefix ?? "", job.Mode ?? "", job.State ?? Finished, job.Listed, job.Done, job.Skipped, job.Failed, job.CreatedAt, job.Error);
}
