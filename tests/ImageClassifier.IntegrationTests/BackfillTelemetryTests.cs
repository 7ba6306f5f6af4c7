using System.Diagnostics;
using ImageClassifier.Cli.Serve.Queues;
using ImageClassifier.Telemetry;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// A backfill run under serve's queue listeners, seen by an in-memory exporter: each blob of a work item is one trace
/// whose classify span says <c>backfill</c>, with the stages beneath it; the images counter counts it under the
/// backfill source; and the job's remaining items, listed up and finished down, end at zero.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BackfillTelemetryTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Backfill_item_blobs_are_traced_and_counted_as_backfill_and_the_job_ends_with_no_items_remaining()
    {
        // Arrange: two different photos (a copy would be served from the result cache, without stages) and a truncated
        // JPEG, one work item each.
        var names = await storage.CreateNamesAsync();
        var telemetry = new TelemetryCapture();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("BackfillItemSize", "1")), services: telemetry.AddTo);
        await storage.UploadImageAsync(names, "photos/coffee.png");
        await storage.UploadImageAsync(names, "photos/chelsea.png", "chelsea.png");
        await storage.Container(names).GetBlobClient("photos/truncated.jpg").UploadAsync(BinaryData.FromBytes(SharedData.ImageBytes("truncated.jpg")));
        var labelledBefore = Images(telemetry, app, TelemetryNames.Labelled);
        var failedBefore = Images(telemetry, app, TelemetryNames.Failed);
        await using var queues = QueueFunctions.Start(app, HostQueueSettings.Load(), names.PagesQueue, names.ItemsQueue, names.ItemsQueue + "-poison");

        // Act
        var status = await BackfillCalls.RunAsync(app, new { container = names.Container, prefix = "photos/", mode = "missing" }, TimeSpan.FromMinutes(2));

        // Assert: the trace of one blob.
        var classify = Assert.Single(telemetry.ClassificationsOf($"{names.Container}/photos/coffee.png"));
        Assert.Equal(TelemetryNames.Backfill, classify.GetTagItem(TelemetryNames.SourceTag));
        Assert.Equal(TelemetryNames.Labelled, classify.GetTagItem(TelemetryNames.OutcomeTag));
        Assert.StartsWith("mobilenetv2-int8@", (string?)classify.GetTagItem(TelemetryNames.ModelTag));
        var spans = telemetry.SpansOf(classify.TraceId);
        foreach (var stage in new[] { TelemetryNames.DownloadSpan, TelemetryNames.DecodeSpan, TelemetryNames.PreprocessSpan, TelemetryNames.InferenceSpan, TelemetryNames.StoreSpan })
        {
            Assert.Equal(classify.SpanId, Assert.Single(spans, s => s.OperationName == stage).ParentSpanId);
        }

        var truncated = Assert.Single(telemetry.ClassificationsOf($"{names.Container}/photos/truncated.jpg"));
        Assert.Equal("corrupt_image", truncated.GetTagItem(TelemetryNames.ErrorCodeTag));
        Assert.Equal(ActivityStatusCode.Error, truncated.Status);

        // Assert: the counts, and the job's remaining items.
        Assert.Equal(labelledBefore + 2, Images(telemetry, app, TelemetryNames.Labelled));
        Assert.Equal(failedBefore + 1, Images(telemetry, app, TelemetryNames.Failed));
        var job = status.GetProperty("id").GetString()!;
        Assert.Equal<double?>(0, telemetry.TotalOrNull(app.Services, TelemetryNames.BackfillRemainingMetric, (TelemetryNames.BackfillJobTag, job)));
    }

    private static double Images(TelemetryCapture telemetry, FunctionApp app, string outcome) =>
        telemetry.Total(app.Services, TelemetryNames.ImagesMetric, (TelemetryNames.SourceTag, TelemetryNames.Backfill), (TelemetryNames.OutcomeTag, outcome));
}
