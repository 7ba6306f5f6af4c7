using Azure.Storage.Blobs;
using ImageClassifier.Backfill;
using ImageClassifier.Cli.Serve.Queues;
using ImageClassifier.Errors;
using ImageClassifier.Functions.Triggers;
using ImageClassifier.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// A backfill runs as in Azure, under serve's queue listeners with host.json's settings: listing pages, work items,
/// the poison queue. Over 1,000 blobs it labels each exactly once, skips what the current model labelled, fails what
/// cannot be decoded, and counts all of it; run again it writes nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BackfillTests(StorageFixture storage)
{
    private const string OtherModel = "resnet18@0123456789ab";

    [SkippableFact]
    public async Task Stale_backfill_over_1000_blobs_labels_each_once_skips_current_fails_corrupt_and_a_rerun_writes_nothing()
    {
        // Arrange: 1,000 blobs over 4 listing pages; 50 corrupt, 100 labelled by this model, 100 by another one.
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("BackfillPageSize", "250")));
        var container = storage.Container(names);
        var blobs = Enumerable.Range(0, 1000).Select(i => container.GetBlobClient($"photos/{i:D4}.jpg")).ToArray();
        var corrupt = blobs[..50];
        var current = blobs[50..150];
        var other = blobs[150..250];
        var truncated = SharedData.ImageBytes("truncated.jpg");
        await Parallel.ForEachAsync(Enumerable.Range(0, blobs.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await blobs[i].UploadAsync(BinaryData.FromBytes(i < 50 ? truncated : TinyJpegs.Get(i)), overwrite: true));
        var labeller = app.Services.GetRequiredService<BlobLabeller>();
        foreach (var blob in current)
        {
            await labeller.LabelAsync(blob);
        }

        foreach (var blob in other)
        {
            await app.Services.GetRequiredService<LabelStore>().SaveAsync(await RecordByAnotherModelAsync(blob));
        }

        var before = await EntityETagsAsync(names);
        await using var queues = QueueFunctions.Start(app, HostQueueSettings.Load(), names.PagesQueue, names.ItemsQueue, names.ItemsQueue + "-poison");
        var request = new { container = names.Container, prefix = "photos/", mode = "stale" };

        // Act
        var first = await BackfillCalls.RunAsync(app, request, TimeSpan.FromMinutes(5));
        var afterFirst = await EntityETagsAsync(names);
        var second = await BackfillCalls.RunAsync(app, request, TimeSpan.FromMinutes(5));

        // Assert: the counts, one record per blob, and what each kind of blob ended as.
        Assert.Equal((1000, 850, 100, 50, 0), Counts(first));
        Assert.Equal((1000, 0, 1000, 0, 0), Counts(second));
        var records = (await storage.RecordsAsync(names)).ToDictionary(r => r.BlobName!);
        Assert.Equal(blobs.Select(b => b.Name).Order(), records.Keys.Order());
        var model = (await app.Services.GetRequiredService<ClassifierEngine>().DescribeModelAsync()).Identity.ToString();
        Assert.All(corrupt, b => Assert.Equal((LabelRecord.StatusFailed, ImageErrorCode.CorruptImage), (records[b.Name].Status, records[b.Name].ErrorCode)));
        Assert.All(current, b => Assert.Equal(before[b.Name], afterFirst[b.Name]));
        Assert.All(other.Concat(blobs[250..]), b => Assert.Equal((LabelRecord.StatusOk, model), (records[b.Name].Status, records[b.Name].Model)));
        Assert.Equal(afterFirst, await EntityETagsAsync(names));
    }

    [SkippableFact]
    public async Task Work_item_that_always_throws_ends_in_the_poison_queue_with_its_blobs_recorded_failed()
    {
        // Arrange: a model that cannot be loaded makes every try of the item throw.
        var names = await storage.CreateNamesAsync();
        var broken = Directory.CreateTempSubdirectory("unloadable-model-").FullName;
        File.WriteAllText(Path.Combine(broken, "model.onnx"), "a download cut short: not a protobuf");
        File.Copy(Path.Combine(SharedData.ModelDirectory, "labels.txt"), Path.Combine(broken, "labels.txt"));
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("Classifier:ModelDirectory", broken)));
        var blobs = new List<BlobClient>();
        for (var i = 0; i < 3; i++)
        {
            blobs.Add(await storage.UploadImageAsync(names, $"p{i}.jpg"));
        }

        var fast = new HostQueueSettings(BatchSize: 4, NewBatchThreshold: 2, MaxDequeueCount: 3, VisibilityTimeout: TimeSpan.Zero, MaxPollingInterval: TimeSpan.FromMilliseconds(200), Base64: true);
        await using var queues = QueueFunctions.Start(app, fast, names.PagesQueue, names.ItemsQueue, names.ItemsQueue + "-poison");

        // Act
        var status = await BackfillCalls.RunAsync(app, new { container = names.Container, mode = "missing" }, TimeSpan.FromMinutes(1));

        // Assert
        Assert.Equal((3, 0, 0, 3, 0), Counts(status));
        var records = await storage.RecordsAsync(names);
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal((LabelRecord.StatusFailed, BlobLabeller.RetriesExhaustedCode, BackfillItemPoisonFunction.Reason), (r.Status, r.ErrorCode, r.ErrorMessage)));
        Directory.Delete(broken, recursive: true);
    }

    [SkippableFact]
    public async Task Listing_page_that_always_fails_ends_the_job_incomplete_with_the_reason_instead_of_listing_for_ever()
    {
        // Arrange: the job starts and its first page is queued; then its work-items queue goes away, so every try of
        // the page fails to enqueue the page's items and throws. No grace for a next page: this one never sent one.
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("BackfillPoisonedPageGrace", "00:00:00")));
        for (var i = 0; i < 3; i++)
        {
            await storage.UploadImageAsync(names, $"p{i}.jpg");
        }

        var (started, _) = await BackfillCalls.StartAsync(app, new { container = names.Container, mode = "missing" });
        Assert.True(started.Status == 202, started.ToString());
        await storage.Queues.GetQueueClient(names.ItemsQueue).DeleteAsync();
        var fast = new HostQueueSettings(BatchSize: 4, NewBatchThreshold: 2, MaxDequeueCount: 3, VisibilityTimeout: TimeSpan.Zero, MaxPollingInterval: TimeSpan.FromMilliseconds(200), Base64: true);
        await using var queues = QueueFunctions.Start(app, fast, names.PagesQueue, names.PagesQueue + "-poison");

        // Act
        var status = await BackfillCalls.FollowAsync(app, started.Json.GetProperty("id").GetString()!, TimeSpan.FromMinutes(1));

        // Assert: ended incomplete, with the page and what to do; a second read gives the kept answer; the poison queue
        // was drained.
        Assert.Equal(BackfillStatus.Incomplete, status.GetProperty("state").GetString());
        Assert.Equal($"Page 0: {BackfillListPoisonFunction.Reason}", status.GetProperty("error").GetString());
        Assert.Equal((0, 0, 0, 0, 0), Counts(status));
        var again = await BackfillCalls.StatusAsync(app, started.Json.GetProperty("id").GetString()!);
        Assert.Equal(status.ToString(), again.Json.ToString());
        var poison = storage.Queues.GetQueueClient(names.PagesQueue + "-poison");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private static (int Listed, int Done, int Skipped, int Failed, int Remaining) Counts(JsonElement status) =>
        (status.GetProperty("listed").GetInt32(), status.GetProperty("done").GetInt32(), status.GetProperty("skipped").GetInt32(),
         status.GetProperty("failed").GetInt32(), status.GetProperty("remaining").GetInt32());

    private static async Task<LabelRecord> RecordByAnotherModelAsync(BlobClient blob)
    {
        var properties = (await blob.GetPropertiesAsync()).Value;
        var record = LabelRecord.ForBlob(blob.BlobContainerName, blob.Name, properties.ETag.ToString(), properties.ContentLength);
        record.Model = OtherModel;
        record.Status = LabelRecord.StatusOk;
        record.TopLabel = "tabby";
        return record;
    }

    private async Task<Dictionary<string, Azure.ETag>> EntityETagsAsync(StorageNames names) =>
        (await storage.RecordsAsync(names)).ToDictionary(r => r.BlobName!, r => r.ETag);
}
