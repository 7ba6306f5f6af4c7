using System.Diagnostics;
using ImageClassifier.Results;

namespace ImageClassifier.Telemetry;

/// <summary>
/// One classification as telemetry sees it: the <see cref="TelemetryNames.ClassifySpan"/> span (when someone listens),
/// the start time of the end-to-end duration, and the source. A struct, so starting one allocates nothing when nobody
/// listens; end it exactly once with <see cref="Complete(string, string?)"/> or <see cref="Complete(IReadOnlyList{ClassificationOutcome})"/>.
/// </summary>
public readonly struct ClassificationScope
{
    private readonly Activity? _span;
    private readonly string _source;
    private readonly long _started;

    private ClassificationScope(Activity? span, string source)
    {
        _span = span;
        _source = source;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts a classification from <paramref name="source"/> (<see cref="TelemetryNames.Http"/>, <see cref="TelemetryNames.Blob"/>, <see cref="TelemetryNames.Backfill"/>).</summary>
    public static ClassificationScope Start(string source)
    {
        var span = ClassifierTelemetry.StartSpan(TelemetryNames.ClassifySpan);
        span?.SetTag(TelemetryNames.SourceTag, source);
        return new ClassificationScope(span, source);
    }

    /// <summary>The classify span, or null when nobody listens: tag it only through <c>?.</c>, so nothing is built for nobody.</summary>
    public Activity? Span => _span;

    /// <summary>Ends a classification of one image with <paramref name="outcome"/> (a <see cref="TelemetryNames"/> outcome).</summary>
    public void Complete(string outcome, string? errorCode = null)
    {
        Count(outcome);
        End(outcome, errorCode);
    }

    /// <summary>Ends a classification of several images: each is counted with its own outcome.</summary>
    public void Complete(IReadOnlyList<ClassificationOutcome> outcomes)
    {
        string? firstError = null;
        var labelled = 0;
        // Indexed, not foreach: an interface enumerator would be allocated even when nobody listens.
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            if (outcome.Succeeded)
            {
                labelled++;
                Count(TelemetryNames.Labelled);
            }
            else
            {
                firstError ??= outcome.Rejection.Value.Code;
                Count(TelemetryNames.Failed);
            }
        }

        // A request is labelled when any of its images is; its error code is that of the first refused image.
        End(labelled > 0 ? TelemetryNames.Labelled : TelemetryNames.Failed, firstError);
    }

    private void Count(string outcome) =>
        ClassifierTelemetry.Images.Add(1, new(TelemetryNames.SourceTag, _source), new(TelemetryNames.OutcomeTag, outcome));

    private void End(string outcome, string? errorCode)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        ClassifierTelemetry.ClassificationDuration.Record(elapsed, new(TelemetryNames.SourceTag, _source), new(TelemetryNames.OutcomeTag, outcome));
        if (_span is null)
        {
            return;
        }

        _span.SetTag(TelemetryNames.OutcomeTag, outcome);
        if (errorCode is not null)
        {
            ClassifierTelemetry.Refused(_span, errorCode);
        }
        else if (outcome == TelemetryNames.Error)
        {
            _span.SetStatus(ActivityStatusCode.Error);
        }

        _span.Dispose();
    }
}
