using System.Globalization;
using ImageClassifier.Soak.Hostile;
using ImageClassifier.Soak.Memory;

namespace ImageClassifier.Soak.Report;

/// <summary>The acceptance lines of the fault run, judged against one report. Sizes are decimal: 1 GB = 10^9 bytes.</summary>
internal static class Acceptance
{
    public const long PeakLimitBytes = 1_000_000_000;
    public const long SettledLimitBytes = 500_000_000;
    public const int SettleWithinSeconds = 60;
    public const double RatioLimit = 1.5;

    public static IReadOnlyList<Verdict> Judge(SoakReport report)
    {
        var verdicts = new List<Verdict>();
        var big = report.Memory.FirstOrDefault(m => m.Main);
        var load = big is null ? "" : $"{big.Clients} clients x {Mb(big.BodyBytes)} for {big.Seconds:F0} s: ";
        verdicts.Add(new Verdict("peak memory under load", $"< {Mb(PeakLimitBytes)}", big is null ? "-" : load + Mb(big.PeakRssBytes), big is null ? null : big.PeakRssBytes < PeakLimitBytes));
        var settled = big?.RssAfterBytes.TryGetValue(SettleWithinSeconds, out var at60) == true ? at60 : (long?)null;
        verdicts.Add(new Verdict("memory settles after load", $"< {Mb(SettledLimitBytes)} at +{SettleWithinSeconds} s", settled is null ? "-" : Mb(settled.Value), settled is null ? null : settled < SettledLimitBytes));

        var hostile = report.Hostile;
        // Kestrel's own rejections (414, 431, a request line it cannot parse) are written before any application code
        // runs; they are shown beside the judged count, not hidden in it and not blamed on the app.
        verdicts.Add(new Verdict("client errors without a problem body (of those application code answers)", "0", hostile is null ? "-" : BareClientErrors(hostile), hostile is null ? null : hostile.BareClientErrors == 0));

        // Under load and during an outage, 503 is the designed answer (admission control, storage unavailable); any other 5xx is not.
        var serverErrors = (hostile?.ServerErrors ?? 0) + report.Memory.Sum(m => m.Load.ServerErrors - m.Load.Count(503)) + (report.Outage?.UnexpectedServerErrors ?? 0);
        var measuredAny = hostile is not null || report.Memory.Count > 0 || report.Outage is not null;
        verdicts.Add(new Verdict("5xx responses (any to hostile requests; other than 503 under load and in the outage)", "0", measuredAny ? Count(serverErrors) : "-", measuredAny ? serverErrors == 0 : null));

        var kill = report.Kill?.Final;
        var outage = report.Outage?.Final;
        var lost = (kill?.Lost ?? 0) + (outage?.Lost ?? 0);
        var duplicated = (kill?.Duplicated ?? 0) + (outage?.Duplicated ?? 0);
        var blobsMeasured = kill is not null || outage is not null;
        verdicts.Add(new Verdict("blobs lost or duplicated (kill -9, storage outage)", "0 / 0",
            !blobsMeasured ? "-" : $"{lost} lost, {duplicated} duplicated of {(kill?.Uploaded ?? 0) + (outage?.Uploaded ?? 0)}",
            blobsMeasured ? lost == 0 && duplicated == 0 : null));

        var throughput = report.Throughput;
        verdicts.Add(new Verdict($"blob labelling of {throughput?.Files ?? report.Settings.Blobs} uploads vs classify", $"<= {RatioLimit.ToString(CultureInfo.InvariantCulture)}x",
            throughput is null ? "-" : $"{throughput.BlobSeconds:F1} s / {throughput.ClassifySeconds:F1} s = {throughput.Ratio:F2}x{(throughput.Rounds.Count > 1 ? $" (medians of {throughput.Rounds.Count} rounds)" : "")}",
            throughput is null ? null : throughput.Complete && throughput.Ratio <= RatioLimit));
        return verdicts;
    }

    public static string Mb(long bytes) => $"{bytes / 1e6:F0} MB";

    private static string BareClientErrors(HostileRun hostile)
    {
        var parser = hostile.Results.Where(r => r.IsBareParserClientError).Select(r => r.Observed.Status).ToList();
        var measured = $"{hostile.BareClientErrors} of {hostile.ClientErrors - parser.Count}";
        return parser.Count == 0
            ? measured
            : $"{measured}; {parser.Count} more without a body from Kestrel's parser, before any app code ({string.Join(", ", parser)})";
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
