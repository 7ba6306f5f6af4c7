using Azure.Monitor.OpenTelemetry.Exporter;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ImageClassifier.Functions.Hosting;

/// <summary>
/// Where the worker's own traces, metrics and logs go: Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set, an OTLP endpoint when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, both when both are (the same settings the
/// Functions host reads in OpenTelemetry mode: Learn, "Use OpenTelemetry with Azure Functions"). The function app and
/// <c>serve</c> share it.
/// </summary>
public static class TelemetryExport
{
    /// <summary>Application Insights connection string; the Bicep sets it on both plans.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>OTLP collector address; the OTLP exporter also reads the other <c>OTEL_EXPORTER_OTLP_*</c> settings.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Subscribes to the engine's <see cref="TelemetryNames.Source"/> spans and metrics and adds the configured exporters.
    /// Returns null and registers nothing when no exporter is configured: then nothing listens, and the engine's
    /// instrumentation costs a null check.
    /// </summary>
    public static IOpenTelemetryBuilder? AddTelemetryExport(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting];
        var toAzureMonitor = !string.IsNullOrWhiteSpace(connectionString);
        var toOtlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        if (!toAzureMonitor && !toOtlp)
        {
            return null;
        }

        var builder = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(TelemetryNames.Source))
            .WithMetrics(metrics => metrics.AddMeter(TelemetryNames.Source));
        if (toAzureMonitor)
        {
            var credential = IngestionCredential.From(configuration[IngestionCredential.AuthenticationStringSetting]);
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        }

        if (toOtlp)
        {
            builder.UseOtlpExporter();
        }

        return builder;
    }
}
