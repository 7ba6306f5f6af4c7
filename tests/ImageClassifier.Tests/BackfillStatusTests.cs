using ImageClassifier.Backfill;

namespace ImageClassifier.Tests;

/// <summary>How a job's rows sum to its state, including a listing page that could not be listed (its poison path).</summary>
public class BackfillStatusTests
{
    private const string Job = "0123456789abcdef0123456789abcdef";
    private const string Reason = "Page 1: could not be listed";

    private static readonly BackfillRow JobRow = new() { PartitionKey = Job, RowKey = BackfillRow.JobKey, Container = "images", Mode = "missing" };

    [Fact]
    public void Job_whose_last_page_is_listed_and_every_item_recorded_is_done_without_an_error()
    {
        var status = BackfillStatus.Sum(JobRow, [Page(0, listed: 20, items: 2), Page(1, listed: 5, items: 1, last: true), Item(0, 0, done: 16), Item(0, 1, done: 4), Item(1, 0, failed: 5)]);

        Assert.Equal((BackfillStatus.Finished, 25, 20, 5, 0, null), (status.State, status.Listed, status.Done, status.Failed, status.Remaining, status.Error));
        Assert.True(status.Ended);
    }

    [Fact]
    public void Poisoned_first_page_ends_the_job_failed_with_its_reason()
    {
        var status = BackfillStatus.Sum(JobRow, [Poisoned(0)]);

        Assert.Equal((BackfillStatus.ListingFailed, 0, 0, Reason), (status.State, status.Listed, status.Remaining, status.Error));
        Assert.True(status.Ended);
    }

    [Fact]
    public void Job_with_a_poisoned_page_labels_what_was_listed_before_it_ends_failed()
    {
        List<BackfillRow> rows = [Page(0, listed: 20, items: 2), Poisoned(1), Item(0, 0, done: 16)];

        var labelling = BackfillStatus.Sum(JobRow, rows);
        rows.Add(Item(0, 1, done: 3, skipped: 1));
        var ended = BackfillStatus.Sum(JobRow, rows);

        Assert.Equal((BackfillStatus.Labelling, 4, Reason), (labelling.State, labelling.Remaining, labelling.Error));
        Assert.False(labelling.Ended);
        Assert.Equal((BackfillStatus.ListingFailed, 20, 19, 1, 0, Reason), (ended.State, ended.Listed, ended.Done, ended.Skipped, ended.Remaining, ended.Error));
    }

    [Fact]
    public void Poisoned_page_does_not_end_the_listing_while_an_earlier_page_is_unrecorded()
    {
        var status = BackfillStatus.Sum(JobRow, [Poisoned(1)]);

        Assert.Equal(BackfillStatus.Listing, status.State);
        Assert.False(status.Ended);
    }

    [Fact]
    public void Ended_job_kept_in_its_own_row_reads_back_with_its_state_and_error()
    {
        var kept = new BackfillRow { PartitionKey = Job, RowKey = BackfillRow.JobKey, Container = "images", Mode = "missing", State = BackfillStatus.ListingFailed, Error = Reason, Listed = 20, Done = 20 };

        var status = BackfillStatus.Final(kept);

        Assert.Equal((BackfillStatus.ListingFailed, 20, 20, Reason), (status.State, status.Listed, status.Done, status.Error));
    }

    private static BackfillRow Page(int page, int listed, int items, bool last = false) =>
        new() { PartitionKey = Job, RowKey = BackfillRow.PageKey(page), Listed = listed, Items = items, Last = last };

    private static BackfillRow Poisoned(int page) => new() { PartitionKey = Job, RowKey = BackfillRow.PageKey(page), Error = Reason };

    private static BackfillRow Item(int page, int item, int done = 0, int skipped = 0, int failed = 0) =>
        new() { PartitionKey = Job, RowKey = BackfillRow.ItemKey(page, item), Done = done, Skipped = skipped, Failed = failed };
}
