using System.Text;
using Azure.Storage.Queues;
using ImageClassifier.Functions.Triggers;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// Delivery is at least once: every listing page delivered twice, and every work item delivered twice at once (so
/// up to eight copies of an item run together), still counts each blob once and ends the job <c>done</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BackfillReplayTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Pages_and_items_delivered_more_than_once_count_each_blob_once()
    {
        // Arrange: 20 blobs, 2 pages of 10, items of 3.
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("BackfillPageSize", "10"), ("BackfillItemSize", "3")));
        for (var i = 0; i < 20; i++)
        {
            await storage.Container(names).GetBlobClient($"r{i:D2}.jpg").UploadAsync(BinaryData.FromBytes(TinyJpegs.Get(i)));
        }

        var (started, _) = await BackfillCalls.StartAsync(app, new { container = names.Container, mode = "missing" });
        var job = started.Json.GetProperty("id").GetString()!;

        // Act
        await DrainAsync(storage.Queue(names.PagesQueue), m => Task.WhenAll(Run(app.Create<BackfillListFunction>().Run, m), Run(app.Create<BackfillListFunction>().Run, m)));
        await DrainAsync(storage.Queue(names.ItemsQueue), m => Task.WhenAll(Run(app.Create<BackfillItemFunction>().Run, m), Run(app.Create<BackfillItemFunction>().Run, m)));

        // Assert: a blob labelled by a twin delivery may count as skipped in the other; none counts twice.
        var status = (await BackfillCalls.StatusAsync(app, job)).Json;
        Assert.Equal("done", status.GetProperty("state").GetString());
        Assert.Equal(20, status.GetProperty("listed").GetInt32());
        Assert.Equal(20, status.GetProperty("done").GetInt32() + status.GetProperty("skipped").GetInt32());
        Assert.Equal((0, 0), (status.GetProperty("failed").GetInt32(), status.GetProperty("remaining").GetInt32()));
        Assert.Equal(20, (await storage.RecordsAsync(names)).Select(r => r.BlobName).Distinct().Count());
    }

    private static Task Run(Func<string, CancellationToken, Task> function, string message) => function(message, CancellationToken.None);

    // Takes every message until the queue stays empty (handling one may enqueue more), decoded as the host decodes.
    private static async Task DrainAsync(QueueClient queue, Func<string, Task> handle)
    {
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
        {
            await Task.WhenAll(batch.Select(async m =>
            {
                await handle(Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText)));
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }));
        }
    }
}
