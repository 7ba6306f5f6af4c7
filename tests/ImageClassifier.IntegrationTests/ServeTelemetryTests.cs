using ImageClassifier.Functions.Hosting;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// <c>serve</c> exports through the same wiring as the worker: with OTEL_EXPORTER_OTLP_ENDPOINT set, a classification's
/// spans and metrics reach that endpoint; with no exporter configured, nothing subscribes to the engine's source.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServeTelemetryTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Serve_sends_a_classification_spans_and_metrics_to_the_otlp_endpoint_it_is_given()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(
            names,
            (TelemetryExport.OtlpEndpointSetting, receiver.Endpoint),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "200")));

        // Act
        using var posted = await server.Client.PostAsync("api/classify", Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.True(await receiver.WaitForAsync("traces", TelemetryNames.InferenceSpan, TimeSpan.FromSeconds(30)), $"the inference span reached the OTLP endpoint; {receiver}");
        Assert.True(await receiver.WaitForAsync("traces", TelemetryNames.ClassifySpan, TimeSpan.FromSeconds(5)), "the classify span reached the OTLP endpoint");
        Assert.True(await receiver.WaitForAsync("metrics", TelemetryNames.ImagesMetric, TimeSpan.FromSeconds(30)), "the images counter reached the OTLP endpoint");
    }

    [Fact]
    public void No_exporter_configured_registers_no_telemetry()
    {
        var services = new ServiceCollection();

        var builder = services.AddTelemetryExport(new ConfigurationBuilder().Build());

        Assert.Null(builder);
        Assert.Empty(services);
    }
}
