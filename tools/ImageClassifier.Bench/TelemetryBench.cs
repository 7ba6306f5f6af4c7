using System.Diagnostics;
using ImageClassifier.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ImageClassifier.Bench;

/// <summary>
/// What the engine's instrumentation costs a classification: images per second through the engine, each inside a
/// classify scope as the functions open one, with nothing listening and then with the OpenTelemetry SDK subscribed to
/// the engine's source and meter (spans batched to an exporter that drops them, metrics read every second, every trace
/// sampled). The two alternate in rounds, so a slow spell of this shared machine hits both alike.
/// </summary>
internal static class TelemetryBench
{
    private const int Rounds = 5;

    public static async Task<TelemetryFigure> MeasureAsync(ClassifierEngine engine, byte[] image, int imagesPerRound, CancellationToken cancellationToken)
    {
        // Unmeasured rounds first, so both sides run optimised code (as DecodeBench does).
        await RateAsync(engine, image, 40, cancellationToken);
        var off = new List<double>();
        var on = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            off.Add(await RateAsync(engine, image, imagesPerRound, cancellationToken));
            using var tracing = Sdk.CreateTracerProviderBuilder()
                .AddSource(TelemetryNames.Source)
                .SetSampler(new AlwaysOnSampler())
                .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter<Activity>()))
                .Build();
            using var metrics = Sdk.CreateMeterProviderBuilder()
                .AddMeter(TelemetryNames.Source)
                .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter<Metric>(), exportIntervalMilliseconds: 1000))
                .Build();
            on.Add(await RateAsync(engine, image, imagesPerRound, cancellationToken));
        }

        return new TelemetryFigure(Stats.Of(off).Median, Stats.Of(on).Median, Rounds, imagesPerRound);
    }

    private static async Task<double> RateAsync(ClassifierEngine engine, byte[] image, int images, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < images; i++)
        {
            var scope = ClassificationScope.Start(TelemetryNames.Http);
            var outcome = await engine.ClassifyBatchAsync([image], cancellationToken: cancellationToken);
            scope.Complete(outcome);
        }

        return images / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
