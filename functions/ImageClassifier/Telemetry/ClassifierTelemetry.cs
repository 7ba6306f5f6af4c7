using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ImageClassifier.Telemetry;

/// <summary>
/// The engine's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, with its instruments. Nothing here costs
/// more than a null check or an <c>Enabled</c> check when no tracer or meter provider listens: spans come from
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>, which returns null without allocating when the
/// source has no listener, and instruments drop measurements nobody subscribed to.
/// </summary>
public static class ClassifierTelemetry
{
    /// <summary>Spans of every classification; subscribe with <c>AddSource(TelemetryNames.Source)</c>.</summary>
    public static readonly ActivitySource ActivitySource = new(TelemetryNames.Source, Version);

    /// <summary>Metrics of every classification; subscribe with <c>AddMeter(TelemetryNames.Source)</c>.</summary>
    public static readonly Meter Meter = new(TelemetryNames.Source, Version);

    internal static readonly Counter<long> Images = Meter.CreateCounter<long>(
        TelemetryNames.ImagesMetric, "{image}", "Images whose classification ended, by source and outcome.");

    internal static readonly Histogram<double> InferenceDuration = Meter.CreateHistogram<double>(
        TelemetryNames.InferenceDurationMetric, "ms", "Duration of one inference run.");

    internal static readonly Histogram<double> ClassificationDuration = Meter.CreateHistogram<double>(
        TelemetryNames.ClassificationDurationMetric, "ms", "Duration of one classification, from its start to its recorded outcome.");

    internal static readonly Histogram<double> ModelLoadDuration = Meter.CreateHistogram<double>(
        TelemetryNames.ModelLoadDurationMetric, "ms", "Duration of the model load; one measurement per instance start.");

    internal static readonly UpDownCounter<long> BackfillRemaining = Meter.CreateUpDownCounter<long>(
        TelemetryNames.BackfillRemainingMetric, "{item}", "Backfill work items enqueued and not yet finished, by job.");

    // The engine's own warm-up is not a request: it sends no spans and records no measurements.
    private static readonly AsyncLocal<bool> Muted = new();

    private static string Version => typeof(ClassifierTelemetry).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>Starts a child span of the current one, or returns null when nobody listens.</summary>
    public static Activity? StartSpan(string name) => Muted.Value ? null : ActivitySource.StartActivity(name, ActivityKind.Internal);

    /// <summary>True in a flow that <see cref="Mute"/> turned off.</summary>
    internal static bool IsMuted => Muted.Value;

    /// <summary>
    /// No spans or measurements for the rest of the calling async method, and what it awaits; its caller's flow is
    /// untouched (an async method's changes to an <see cref="AsyncLocal{T}"/> end with it).
    /// </summary>
    internal static void Mute() => Muted.Value = true;

    /// <summary>The <see cref="TelemetryNames.ClassifySpan"/> the caller is inside, or null (nobody listens, or none started).</summary>
    public static Activity? CurrentClassification()
    {
        // The enclosing classify span is Current itself, or the parent of a stage span still open.
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            if (ReferenceEquals(activity.Source, ActivitySource) && activity.OperationName == TelemetryNames.ClassifySpan)
            {
                return activity;
            }
        }

        return null;
    }

    /// <summary>A listing page of backfill <paramref name="job"/> was recorded with <paramref name="items"/> work items.</summary>
    public static void BackfillItemsListed(string job, int items) =>
        BackfillRemaining.Add(items, new KeyValuePair<string, object?>(TelemetryNames.BackfillJobTag, job));

    /// <summary>One work item of backfill <paramref name="job"/> was recorded as finished (labelled or poisoned).</summary>
    public static void BackfillItemFinished(string job) =>
        BackfillRemaining.Add(-1, new KeyValuePair<string, object?>(TelemetryNames.BackfillJobTag, job));

    /// <summary>Marks <paramref name="span"/> as failed with the refused image's stable code.</summary>
    public static void Refused(Activity? span, string errorCode)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(TelemetryNames.ErrorCodeTag, errorCode);
        span.SetStatus(ActivityStatusCode.Error, errorCode);
    }
}
