namespace ImageClassifier.IntegrationTests.Support;

/// <summary>One test's labels table, images container and blob events queue (with its poison queue).</summary>
public sealed record StorageNames(string Table, string Container)
{
    /// <summary>The blob events queue: unique per test, since every local runner drains the queue it is given.</summary>
    public string Queue => Container + "-events";

    public string PoisonQueue => Queue + "-poison";

    /// <summary>The backfill's jobs table and its two queues (the items queue with its poison queue).</summary>
    public string BackfillTable => Table + "jobs";

    public string PagesQueue => Container + "-pages";

    public string ItemsQueue => Container + "-items";

    /// <summary>Every queue of the test, for clean-up.</summary>
    public IEnumerable<string> Queues => [Queue, PoisonQueue, PagesQueue, PagesQueue + "-poison", ItemsQueue, ItemsQueue + "-poison"];
}
