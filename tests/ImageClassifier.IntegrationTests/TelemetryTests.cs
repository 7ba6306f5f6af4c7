using System.Diagnostics;
using ImageClassifier.Cli.Serve.Events;
using ImageClassifier.Functions.Triggers;
using ImageClassifier.Storage;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// The spans and metrics of one classification, as an in-memory exporter receives them through the app's DI container:
/// an HTTP request and a blob event (a queue message through ClassifyBlob against Azurite) each give one trace whose
/// classify span carries the source, outcome, model and execution provider, with download, decode, preprocess,
/// inference and store beneath it; the images counter, the duration histograms and the model load time move with them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TelemetryTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Http_request_is_one_trace_with_its_stages_and_counts_a_labelled_http_image()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        var telemetry = new TelemetryCapture();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names), services: telemetry.AddTo);
        var context = await Requests.ContextAsync(app.Services, Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));
        var before = Images(telemetry, app, TelemetryNames.Http, TelemetryNames.Labelled);

        // Act
        using (var root = TelemetryCapture.StartRoot("test http"))
        {
            await app.Create<ClassifyFunction>().Run(context.Request, CancellationToken.None);
            root.Stop();

            // Assert
            var spans = telemetry.SpansOf(root);
            var classify = ClassifySpan(spans);
            Assert.Equal(TelemetryNames.Http, classify.GetTagItem(TelemetryNames.SourceTag));
            Assert.Equal(TelemetryNames.Labelled, classify.GetTagItem(TelemetryNames.OutcomeTag));
            AssertModelTags(classify);
            AssertChildren(spans, classify, TelemetryNames.DecodeSpan, TelemetryNames.PreprocessSpan, TelemetryNames.InferenceSpan, TelemetryNames.StoreSpan);
            var decode = spans.Single(s => s.OperationName == TelemetryNames.DecodeSpan);
            Assert.Equal(SharedData.ImageBytes("coffee.png").Length, decode.GetTagItem(TelemetryNames.ImageBytesTag));
            Assert.True(decode.GetTagItem(TelemetryNames.ImageWidthTag) is int width && width > 0, "the decode span carries the image width");
        }

        Assert.Equal(before + 1, Images(telemetry, app, TelemetryNames.Http, TelemetryNames.Labelled));
        Assert.True(telemetry.Total(app.Services, TelemetryNames.ClassificationDurationMetric, (TelemetryNames.SourceTag, TelemetryNames.Http)) >= 1);
        Assert.True(telemetry.Total(app.Services, TelemetryNames.InferenceDurationMetric) >= 1);
        Assert.Equal(1, telemetry.Total(app.Services, TelemetryNames.ModelLoadDurationMetric));
    }

    [SkippableFact]
    public async Task Blob_event_is_one_trace_from_download_to_store_and_counts_a_labelled_blob_image()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        var telemetry = new TelemetryCapture();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names), services: telemetry.AddTo);
        var blob = await storage.UploadImageAsync(names, "cups/coffee.png");
        var before = Images(telemetry, app, TelemetryNames.Blob, TelemetryNames.Labelled);

        // Act
        using (var root = TelemetryCapture.StartRoot("test blob"))
        {
            await app.Create<ClassifyBlobFunction>().Run(BlobCreatedEvent.Json(blob), CancellationToken.None);
            root.Stop();

            // Assert
            var spans = telemetry.SpansOf(root);
            var classify = ClassifySpan(spans);
            Assert.Equal(TelemetryNames.Blob, classify.GetTagItem(TelemetryNames.SourceTag));
            Assert.Equal(TelemetryNames.Labelled, classify.GetTagItem(TelemetryNames.OutcomeTag));
            Assert.Equal($"{names.Container}/cups/coffee.png", classify.GetTagItem(TelemetryNames.BlobPathTag));
            AssertModelTags(classify);
            AssertChildren(spans, classify, TelemetryNames.DownloadSpan, TelemetryNames.DecodeSpan, TelemetryNames.PreprocessSpan, TelemetryNames.InferenceSpan, TelemetryNames.StoreSpan);
            Assert.Equal($"{names.Container}/cups/coffee.png", spans.Single(s => s.OperationName == TelemetryNames.DownloadSpan).GetTagItem(TelemetryNames.BlobPathTag));
        }

        Assert.Equal(before + 1, Images(telemetry, app, TelemetryNames.Blob, TelemetryNames.Labelled));
        Assert.True(telemetry.Total(app.Services, TelemetryNames.ClassificationDurationMetric, (TelemetryNames.SourceTag, TelemetryNames.Blob), (TelemetryNames.OutcomeTag, TelemetryNames.Labelled)) >= 1);
    }

    [SkippableFact]
    public async Task Corrupt_blob_is_a_failed_classification_with_its_error_code_on_the_span()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        var telemetry = new TelemetryCapture();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names), services: telemetry.AddTo);
        var png = SharedData.ImageBytes("coffee.png");
        var blob = storage.Container(names).GetBlobClient("broken.png");
        await blob.UploadAsync(BinaryData.FromBytes(png.AsMemory(0, png.Length / 3)));
        var before = Images(telemetry, app, TelemetryNames.Blob, TelemetryNames.Failed);

        // Act
        using (var root = TelemetryCapture.StartRoot("test corrupt blob"))
        {
            await app.Create<ClassifyBlobFunction>().Run(BlobCreatedEvent.Json(blob), CancellationToken.None);
            root.Stop();

            // Assert
            var spans = telemetry.SpansOf(root);
            var classify = ClassifySpan(spans);
            Assert.Equal(TelemetryNames.Failed, classify.GetTagItem(TelemetryNames.OutcomeTag));
            Assert.Equal("corrupt_image", classify.GetTagItem(TelemetryNames.ErrorCodeTag));
            Assert.Equal(ActivityStatusCode.Error, classify.Status);
            Assert.Equal("corrupt_image", spans.Single(s => s.OperationName == TelemetryNames.DecodeSpan).GetTagItem(TelemetryNames.ErrorCodeTag));
        }

        Assert.Equal(before + 1, Images(telemetry, app, TelemetryNames.Blob, TelemetryNames.Failed));
    }

    [SkippableFact]
    public async Task Blob_the_poison_path_records_is_counted_as_exhausted()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        var telemetry = new TelemetryCapture();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names), services: telemetry.AddTo);
        var blob = await storage.UploadImageAsync(names, "gave-up.png");
        var before = Images(telemetry, app, TelemetryNames.Blob, TelemetryNames.Exhausted);

        // Act
        using (var root = TelemetryCapture.StartRoot("test poison"))
        {
            await app.Services.GetRequiredService<BlobLabeller>().RecordExhaustedAsync(blob, "5 deliveries failed");
            root.Stop();

            // Assert
            var classify = ClassifySpan(telemetry.SpansOf(root));
            Assert.Equal(TelemetryNames.Exhausted, classify.GetTagItem(TelemetryNames.OutcomeTag));
            Assert.Equal(BlobLabeller.RetriesExhaustedCode, classify.GetTagItem(TelemetryNames.ErrorCodeTag));
        }

        Assert.Equal(before + 1, Images(telemetry, app, TelemetryNames.Blob, TelemetryNames.Exhausted));
    }

    private static double Images(TelemetryCapture telemetry, FunctionApp app, string source, string outcome) =>
        telemetry.Total(app.Services, TelemetryNames.ImagesMetric, (TelemetryNames.SourceTag, source), (TelemetryNames.OutcomeTag, outcome));

    private static Activity ClassifySpan(List<Activity> spans)
    {
        var classify = Assert.Single(spans, s => s.OperationName == TelemetryNames.ClassifySpan);
        Assert.Equal(TelemetryNames.Source, classify.Source.Name);
        return classify;
    }

    private static void AssertModelTags(Activity classify)
    {
        Assert.StartsWith("mobilenetv2-int8@", (string?)classify.GetTagItem(TelemetryNames.ModelTag));
        Assert.Equal(nameof(ExecutionProvider.Cpu), classify.GetTagItem(TelemetryNames.ExecutionProviderTag));
    }

    // Each stage is one span, a direct child of the classify span.
    private static void AssertChildren(List<Activity> spans, Activity classify, params string[] stages)
    {
        foreach (var stage in stages)
        {
            var span = Assert.Single(spans, s => s.OperationName == stage);
            Assert.Equal(classify.SpanId, span.ParentSpanId);
        }
    }
}
