using System.Diagnostics;
using ImageClassifier.Errors;
using ImageClassifier.Results;
using ImageClassifier.Telemetry;

namespace ImageClassifier.Tests;

/// <summary>
/// With no tracer or meter provider subscribed (this test assembly registers none), everything the engine and the
/// functions call on the hot path for telemetry allocates nothing: spans are null, measurements are dropped, tags are
/// built on the stack or set through <c>?.</c>.
/// </summary>
public sealed class TelemetryAllocationTests
{
    private static readonly ClassificationOutcome[] Outcomes =
    [
        ClassificationOutcome.Rejected(new ImageRejection(ImageErrorCode.CorruptImage, "truncated")),
        ClassificationOutcome.Rejected(new ImageRejection(ImageErrorCode.UnsupportedFormat, "tiff")),
    ];

    [Fact]
    public void Classification_telemetry_allocates_nothing_when_nobody_listens()
    {
        // Arrange
        Assert.False(ClassifierTelemetry.ActivitySource.HasListeners(), "a listener is subscribed; this test needs none");
        OneClassification(); // JIT and statics first
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        for (var i = 0; i < 1_000; i++)
        {
            OneClassification();
        }

        // Assert
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // The calls of one blob classification and one HTTP request, stage spans and measurements included.
    private static void OneClassification()
    {
        var blob = ClassificationScope.Start(TelemetryNames.Blob);
        blob.Span?.SetTag(TelemetryNames.BlobPathTag, $"images/{blob.GetHashCode()}");
        foreach (var stage in (ReadOnlySpan<string>)[TelemetryNames.DownloadSpan, TelemetryNames.DecodeSpan, TelemetryNames.PreprocessSpan, TelemetryNames.InferenceSpan, TelemetryNames.StoreSpan])
        {
            using var span = ClassifierTelemetry.StartSpan(stage);
            span?.SetTag(TelemetryNames.ImageWidthTag, 640);
        }

        ClassifierTelemetry.Refused(ClassifierTelemetry.CurrentClassification(), ImageErrorCode.CorruptImage);
        ClassifierTelemetry.InferenceDuration.Record(12.5, new(TelemetryNames.ExecutionProviderTag, "Cpu"), new(TelemetryNames.ModelTag, "m@1"));
        blob.Complete(TelemetryNames.Failed, ImageErrorCode.CorruptImage);

        var http = ClassificationScope.Start(TelemetryNames.Http);
        http.Complete(Outcomes);
        Debug.Assert(Activity.Current is null);
    }
}
