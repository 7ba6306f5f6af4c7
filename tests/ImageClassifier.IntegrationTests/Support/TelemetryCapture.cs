using System.Diagnostics;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// The engine's spans and metrics, exported in memory through the app's own DI container. Each test runs its work under
/// a root activity of its own, so its spans are told apart from those of tests running beside it by trace id; metrics
/// are compared before and after, since the meter is shared by the whole process.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<MetricSnapshot> _metrics = new();

    /// <summary>Registers the in-memory exporters; pass to <see cref="FunctionApp.StartAsync"/>.</summary>
    public void AddTo(IServiceCollection services) => services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddSource(TelemetryNames.Source).AddInMemoryExporter(_spans))
        .WithMetrics(metrics => metrics.AddMeter(TelemetryNames.Source).AddInMemoryExporter(_metrics));

    /// <summary>A recorded root activity: the engine's spans started under it share its trace id.</summary>
    public static Activity StartRoot(string name)
    {
        var root = new Activity(name);
        root.SetIdFormat(ActivityIdFormat.W3C);
        root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return root.Start();
    }

    /// <summary>Every exported span of <paramref name="root"/>'s trace.</summary>
    public List<Activity> SpansOf(Activity root) => SpansOf(root.TraceId);

    /// <summary>Every exported span of the trace <paramref name="trace"/>.</summary>
    public List<Activity> SpansOf(ActivityTraceId trace) => _spans.Snapshot().Where(s => s.TraceId == trace).ToList();

    /// <summary>The exported classify spans of the blob <paramref name="blobPath"/> (<c>container/name</c>).</summary>
    public List<Activity> ClassificationsOf(string blobPath) => _spans.Snapshot()
        .Where(s => s.OperationName == TelemetryNames.ClassifySpan && Equals(s.GetTagItem(TelemetryNames.BlobPathTag), blobPath))
        .ToList();

    /// <summary>
    /// Collects now and returns, per metric, the sum of the cumulative points whose tags include
    /// <paramref name="tags"/>: the counter's total, or the histogram's count of measurements.
    /// </summary>
    public double Total(IServiceProvider services, string metric, params (string Key, string Value)[] tags) =>
        TotalOrNull(services, metric, tags) ?? 0;

    /// <summary>As <see cref="Total"/>, but null when no point has those tags: the measurement was never taken.</summary>
    public double? TotalOrNull(IServiceProvider services, string metric, params (string Key, string Value)[] tags)
    {
        services.GetRequiredService<MeterProvider>().ForceFlush();
        var latest = _metrics.Snapshot().LastOrDefault(m => m.Name == metric);
        if (latest is null)
        {
            return null;
        }

        double? total = null;
        foreach (var point in latest.MetricPoints)
        {
            if (!Matches(point, tags))
            {
                continue;
            }

            total = (total ?? 0) + latest.MetricType switch
            {
                MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                MetricType.Histogram => point.GetHistogramCount(),
                _ => throw new InvalidOperationException($"{metric} is a {latest.MetricType}, not a counter or a histogram."),
            };
        }

        return total;
    }

    private static bool Matches(in MetricPoint point, (string Key, string Value)[] wanted)
    {
        var found = 0;
        foreach (var tag in point.Tags)
        {
            if (wanted.Any(w => w.Key == tag.Key && Equals(w.Value, tag.Value)))
            {
                found++;
            }
        }

        return found == wanted.Length;
    }
}
