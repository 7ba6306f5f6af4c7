using System.ComponentModel.DataAnnotations;

namespace ImageClassifier.Backfill;

/// <summary>
/// Backfill settings, bound from the root configuration like <see cref="Storage.StorageOptions"/>: the jobs table, the
/// two queues (their names are also the queue triggers' <c>%setting%</c>s), and the sizes of a listing page and a
/// work item.
/// </summary>
public sealed class BackfillOptions
{
    /// <summary>App setting naming the queue of listing pages.</summary>
    public const string PagesQueueSetting = "BackfillPagesQueue";

    /// <summary>App setting naming the queue of work items.</summary>
    public const string ItemsQueueSetting = "BackfillItemsQueue";

    /// <summary>Table of jobs, listed pages and finished work items.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "BackfillTable must be 3-63 letters or digits, starting with a letter.")]
    public string BackfillTable { get; set; } = "BackfillJobs";

    /// <summary>Queue of listing pages: one message per page, carrying the continuation token of the next.</summary>
    [Required]
    public string BackfillPagesQueue { get; set; } = "backfill-pages";

    /// <summary>Queue of work items: up to <see cref="BackfillItemSize"/> blob names each.</summary>
    [Required]
    public string BackfillItemsQueue { get; set; } = "backfill-items";

    /// <summary>Blobs asked for per listing call (the service returns at most 5,000).</summary>
    [Range(1, 5000)]
    public int BackfillPageSize { get; set; } = 1000;

    /// <summary>Blob names per work item; docs/backfill.md has the measurement behind the default.</summary>
    [Range(1, 256)]
    public int BackfillItemSize { get; set; } = 16;

    /// <summary>
    /// How long a listing page that exhausted its retries waits for a next page it may have sent before it ends its
    /// job <c>incomplete</c>. A page fails on its own row's write after sending the next one only while the table
    /// fails; such a next page is listed within seconds, or retried into the poison queue itself within
    /// <c>maxDequeueCount</c> x (<c>functionTimeout</c> + <c>visibilityTimeout</c>) at worst (host.json).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan BackfillPoisonedPageGrace { get; set; } = TimeSpan.FromMinutes(10);
}
