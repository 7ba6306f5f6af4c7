using ImageClassifier.Soak.Blobs;
using ImageClassifier.Soak.Hostile;
using ImageClassifier.Soak.Memory;
using ImageClassifier.Soak.Report;

namespace ImageClassifier.Soak.Tests;

public sealed class AcceptanceTests
{
    private static readonly SoakSettings Settings = new("model", "out", 64, 16, 60, 60, 200, 10, 20 * 1024 * 1024, null, Quick: false);

    [Fact]
    public void A_run_that_meets_every_target_passes_every_line()
    {
        var report = Report(peak: 900_000_000, at60: 400_000_000, hostile: [Problem(400), Problem(404)], lost: 0, ratio: 1.4);

        Assert.All(report.Verdicts, v => Assert.True(v.Pass, $"{v.Line}: {v.Measured}"));
    }

    [Fact]
    public void Peak_and_settled_memory_over_their_limits_fail()
    {
        var verdicts = Report(peak: 1_200_000_000, at60: 600_000_000, hostile: [], lost: 0, ratio: 1).Verdicts;

        Assert.False(Line(verdicts, "peak memory under load").Pass);
        Assert.False(Line(verdicts, "memory settles after load").Pass);
    }

    [Fact]
    public void One_bare_client_error_or_one_5xx_fails_its_line()
    {
        var bare = Observed.From(405, null, []);
        var verdicts = Report(peak: 1, at60: 1, hostile: [Problem(400), bare, Observed.From(500, null, [])], lost: 0, ratio: 1).Verdicts;

        Assert.Equal("1 of 2", Line(verdicts, "client errors without a problem body").Measured);
        Assert.False(Line(verdicts, "client errors without a problem body").Pass);
        Assert.False(Line(verdicts, "5xx responses").Pass);
    }

    [Fact]
    public void Kestrels_own_bare_rejections_are_shown_beside_the_line_not_counted_against_the_app()
    {
        var report = Report(peak: 1, at60: 1, hostile: [Problem(400), Problem(404)], lost: 0, ratio: 1);
        var parser = new HostileResult("raw 150 headers (431)", "raw", "Kestrel's own 431", Observed.From(431, null, []), true, 0.1, ByServerParser: true);
        var withParser = report with { Hostile = new HostileRun([.. report.Hostile!.Results, parser], true) };

        var line = Line(withParser.Verdicts, "client errors without a problem body");

        Assert.True(line.Pass);
        Assert.Equal("0 of 2; 1 more without a body from Kestrel's parser, before any app code (431)", line.Measured);
    }

    [Fact]
    public void An_app_route_expected_to_shape_its_answer_is_never_excused_as_the_parsers()
    {
        var bare = new HostileResult("unknown route", "http", "404 problem", Observed.From(404, null, []), false, 0.1);
        var report = Report(peak: 1, at60: 1, hostile: [], lost: 0, ratio: 1);

        var line = Line((report with { Hostile = new HostileRun([bare], true) }).Verdicts, "client errors without a problem body");

        Assert.False(line.Pass);
        Assert.Equal("1 of 1", line.Measured);
    }

    [Fact]
    public void A_lost_blob_or_a_slow_blob_path_fails()
    {
        var verdicts = Report(peak: 1, at60: 1, hostile: [], lost: 1, ratio: 1.6).Verdicts;

        Assert.False(Line(verdicts, "blobs lost or duplicated").Pass);
        Assert.False(Line(verdicts, "blob labelling").Pass);
    }

    [Fact]
    public void Phases_that_did_not_run_are_not_measured_rather_than_passed()
    {
        var empty = new SoakReport(DateTimeOffset.UtcNow, "abc", "soak", "test", Settings, null, [], null, null, null, ["hostile: failed"]);

        Assert.All(empty.Verdicts, v => Assert.Null(v.Pass));
    }

    private static Verdict Line(IReadOnlyList<Verdict> verdicts, string start) => verdicts.Single(v => v.Line.StartsWith(start, StringComparison.Ordinal));

    private static Observed Problem(int status) => Observed.From(status, "application/problem+json", "{\"code\":\"x\"}"u8.ToArray());

    private static SoakReport Report(long peak, long at60, Observed[] hostile, int lost, double ratio)
    {
        var load = new LoadOutcome(100, TimeSpan.FromSeconds(60), new SortedDictionary<int, int> { [200] = 80, [503] = 20 }, []);
        var memory = new MemoryResult("64 x 20.0 MiB noise PNG", 64, 20 * 1024 * 1024, 60, load, 150_000_000, peak, new Dictionary<int, long> { [10] = at60, [30] = at60, [60] = at60 }, Main: true);
        var results = hostile.Select((o, i) => new HostileResult($"r{i}", "http", "4xx", o, true, 0.1)).ToList();
        var tally = new LabelTally(100, 100 - lost, 0, lost, 0);
        var kill = new KillResult(10, 3, tally, 5, lost == 0);
        var outage = new OutageResult(10, new SortedDictionary<string, int> { ["200 stored:false"] = 5 }, new SortedDictionary<string, int> { ["503 storage_unavailable"] = 5 }, 2, 0.5, 6, new LabelTally(100, 100, 0, 0, 0), true);
        var throughput = new ThroughputResult(200, [new ThroughputRound(10, 200, 0, 10 * ratio, new LabelTally(200, 200, 0, 0, 0), true)]);
        return new SoakReport(DateTimeOffset.UtcNow, "abc", "soak", "test", Settings, new HostileRun(results, true), [memory], throughput, kill, outage, []);
    }
}
