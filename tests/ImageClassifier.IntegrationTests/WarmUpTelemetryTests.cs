using ImageClassifier.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// The engine's warm-up labels a sample image through the request path, but it is not a request: it sends no spans,
/// while the classifications after it send theirs as usual.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WarmUpTelemetryTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Warm_up_sends_no_spans_and_the_next_classification_sends_its_stages()
    {
        // Arrange: the app's providers listen; a separate engine is warmed up inside a trace of the test's own.
        var names = await storage.CreateNamesAsync();
        var telemetry = new TelemetryCapture();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names), services: telemetry.AddTo);
        using var engine = new ClassifierEngine(
            Options.Create(new ClassifierOptions
            {
                ModelDirectory = SharedData.ModelDirectory,
                OptimizedModelCache = Path.Combine(Path.GetTempPath(), "warm-up-telemetry-" + Guid.NewGuid().ToString("N")),
                SaveOptimizedCopy = false,
            }),
            NullLogger<ClassifierEngine>.Instance);

        // Act
        using var warmUp = TelemetryCapture.StartRoot("test warm-up");
        await engine.WarmUpAsync();
        warmUp.Stop();
        using var request = TelemetryCapture.StartRoot("test classification after warm-up");
        await engine.ClassifyAsync(SharedData.ImageBytes("coffee.png"));
        request.Stop();

        // Assert
        Assert.Empty(telemetry.SpansOf(warmUp));
        var expected = new[] { TelemetryNames.DecodeSpan, TelemetryNames.PreprocessSpan, TelemetryNames.InferenceSpan }.Order(StringComparer.Ordinal);
        Assert.Equal(expected, telemetry.SpansOf(request).Select(s => s.OperationName).Order(StringComparer.Ordinal));
    }
}
