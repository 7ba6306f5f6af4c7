using ImageClassifier.Backfill;

namespace ImageClassifier.Tests;

/// <summary>How a job's rows sum to its state, including a listing page that could not be listed (its poison path).</summary>
public class BackfillStatusTests
{
    private const string Job = "0123456789abcdef0123456789abcdef";
    private const string Reason = "Page 1: could not be listed";

    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PastGrace = Now - Grace - TimeSpan.FromSeconds(1);
    private static readonly BackfillRow JobRow = new() { PartitionKey = Job, RowKey = BackfillRow.JobKey, Container = "images", Mode = "missing" };

    [Fact]
    public void Job_whose_last_page_is_listed_and_every_item_recorded_is_done_without_an_error()
    {
        var status = Sum([Page(0, listed: 20, items: 2), Page(1, listed: 5, items: 1, last: true), Item(0, 0, done: 16), Item(0, 1, done: 4), Item(1, 0, failed: 5)]);

        Assert.Equal((BackfillStatus.Finished, 25, 20, 5, 0, null), (status.State, status.Listed, status.Done, status.Failed, status.Remaining, status.Error));
        Assert.True(status.Ended);
    }

    [Fact]
    public void Poisoned_first_page_ends_the_job_incomplete_with_its_reason_once_the_grace_has_passed()
    {
        var waiting = Sum([Poisoned(0, Now - TimeSpan.FromMinutes(1))]);
        var ended = Sum([Poisoned(0, PastGrace)]);

        Assert.Equal((BackfillStatus.Listing, Reason), (waiting.State, waiting.Error));
        Assert.False(waiting.Ended);
        Assert.Equal((BackfillStatus.Incomplete, 0, 0, Reason), (ended.State, ended.Listed, ended.Remaining, ended.Error));
        Assert.True(ended.Ended);
    }

    [Fact]
    public void Job_with_a_poisoned_page_labels_what_was_listed_before_it_ends_incomplete()
    {
        List<BackfillRow> rows = [Page(0, listed: 20, items: 2), Poisoned(1, PastGrace), Item(0, 0, done: 16)];

        var labelling = Sum(rows);
        rows.Add(Item(0, 1, done: 3, skipped: 1));
        var ended = Sum(rows);

        Assert.Equal((BackfillStatus.Labelling, 4, Reason), (labelling.State, labelling.Remaining, labelling.Error));
        Assert.False(labelling.Ended);
        Assert.Equal((BackfillStatus.Incomplete, 20, 19, 1, 0, Reason), (ended.State, ended.Listed, ended.Done, ended.Skipped, ended.Remaining, ended.Error));
    }

    [Fact]
    public void Poisoned_page_that_had_sent_the_next_one_lets_the_listing_go_on_to_the_last_page()
    {
        // Page 1's own row kept failing after it sent page 2: page 2 is recorded, so the listing is not over at page 1.
        List<BackfillRow> rows = [Page(0, listed: 16, items: 1), Poisoned(1, PastGrace), Page(2, listed: 16, items: 1), Item(0, 0, done: 16), Item(2, 0, done: 16)];

        var goingOn = Sum(rows);
        rows.AddRange([Page(3, listed: 4, items: 1, last: true), Item(3, 0, done: 4)]);
        var ended = Sum(rows);

        Assert.Equal((BackfillStatus.Listing, Reason), (goingOn.State, goingOn.Error));
        Assert.Equal((BackfillStatus.Incomplete, 36, 36, Reason), (ended.State, ended.Listed, ended.Done, ended.Error));
    }

    [Fact]
    public void Poisoned_page_does_not_end_the_listing_while_an_earlier_page_is_unrecorded()
    {
        var status = Sum([Poisoned(1, PastGrace)]);

        Assert.Equal(BackfillStatus.Listing, status.State);
        Assert.False(status.Ended);
    }

    [Fact]
    public void Ended_job_kept_in_its_own_row_reads_back_with_its_state_and_error()
    {
        var kept = new BackfillRow { PartitionKey = Job, RowKey = BackfillRow.JobKey, Container = "images", Mode = "missing", State = BackfillStatus.Incomplete, Error = Reason, Listed = 20, Done = 20 };

        var status = BackfillStatus.Final(kept);

        Assert.Equal((BackfillStatus.Incomplete, 20, 20, Reason), (status.State, status.Listed, status.Done, status.Error));
    }

    private static BackfillStatus Sum(IEnumerable<BackfillRow> rows) => BackfillStatus.Sum(JobRow, rows, Now, Grace);

    private static BackfillRow Page(int page, int listed, int items, bool last = false) =>
        new() { PartitionKey = Job, RowKey = BackfillRow.PageKey(page), Listed = listed, Items = items, Last = last };

    private static BackfillRow Poisoned(int page, DateTimeOffset recorded) =>
        new() { PartitionKey = Job, RowKey = BackfillRow.PageKey(page), Error = Reason, CreatedAt = recorded };

    private static BackfillRow Item(int page, int item, int done = 0, int skipped = 0, int failed = 0) =>
        new() { PartitionKey = Job, RowKey = BackfillRow.ItemKey(page, item), Done = done, Skipped = skipped, Failed = failed };
}
