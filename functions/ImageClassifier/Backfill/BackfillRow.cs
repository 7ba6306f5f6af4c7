using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace ImageClassifier.Backfill;

/// <summary>
/// One row of the jobs table, partitioned by job id: the job itself (<see cref="JobKey"/>), one row per listed page and
/// one per finished work item. Page and item rows are written once (insert, never update), so a replayed message can
/// never count twice and concurrent instances never contend for one counter; the status is their sum.
/// </summary>
public sealed class BackfillRow : ITableEntity
{
    /// <summary>Row key of the job's own row.</summary>
    public const string JobKey = "job";

    /// <summary>Row key prefix of page rows.</summary>
    public const string PagePrefix = "page-";

    /// <summary>Row key prefix of item rows.</summary>
    public const string ItemPrefix = "item-";

    /// <inheritdoc />
    public string PartitionKey { get; set; } = "";

    /// <inheritdoc />
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>Job row: the container.</summary>
    public string? Container { get; set; }

    /// <summary>Job row: the name prefix ("" for all).</summary>
    public string? Prefix { get; set; }

    /// <summary>Job row: the mode, as sent (<c>missing</c>, <c>stale</c>, <c>all</c>).</summary>
    public string? Mode { get; set; }

    /// <summary>Job row: when it was started; page row of a page that could not be listed: when that was recorded.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Job row: <c>done</c> or <c>incomplete</c> once the final counts below are kept; null while it runs.</summary>
    public string? State { get; set; }

    /// <summary>
    /// Page row: why the page could not be listed (its message exhausted its retries); null for a listed page. Job row:
    /// the same, kept with the final counts of a job whose listing failed.
    /// </summary>
    public string? Error { get; set; }

    /// <summary>Page row: blobs listed; job row: final total.</summary>
    public int Listed { get; set; }

    /// <summary>Page row: work items enqueued for the page.</summary>
    public int Items { get; set; }

    /// <summary>Page row: no page follows.</summary>
    public bool Last { get; set; }

    /// <summary>Item row: blobs labelled; job row: final total.</summary>
    public int Done { get; set; }

    /// <summary>Item row: blobs already up to date (or deleted meanwhile); job row: final total.</summary>
    public int Skipped { get; set; }

    /// <summary>Item row: blobs recorded as failed; job row: final total.</summary>
    public int Failed { get; set; }

    /// <summary>Row key of page <paramref name="page"/>.</summary>
    public static string PageKey(int page) => PagePrefix + page.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Row key of item <paramref name="item"/> of page <paramref name="page"/>.</summary>
    public static string ItemKey(int page, int item) => $"{ItemPrefix}{page.ToString("D6", CultureInfo.InvariantCulture)}-{item.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>Page and item numbers of an item row's key.</summary>
    public static (int Page, int Item) ParseItemKey(string rowKey) =>
        (int.Parse(rowKey.AsSpan(ItemPrefix.Length, 6), CultureInfo.InvariantCulture), int.Parse(rowKey.AsSpan(ItemPrefix.Length + 7), CultureInfo.InvariantCulture));

    /// <summary>Page number of a page row's key.</summary>
    public static int ParsePageKey(string rowKey) => int.Parse(rowKey.AsSpan(PagePrefix.Length), CultureInfo.InvariantCulture);
}
