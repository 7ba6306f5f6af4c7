using System.Text;
using ImageClassifier.Soak.Memory;

namespace ImageClassifier.Soak.Report;

/// <summary>Writes <c>reliability.md</c>: the acceptance table first, then each phase's figures.</summary>
internal static class MarkdownReport
{
    public static string Write(SoakReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("# Reliability run").AppendLine();
        md.AppendLine($"Run {report.Started:yyyy-MM-dd HH:mm} UTC on commit `{report.Commit}`, {report.Machine}.").AppendLine();
        md.AppendLine("```bash").AppendLine(report.Command).AppendLine("```").AppendLine();
        md.AppendLine(AcceptanceTable(report.Verdicts));
        foreach (var error in report.HarnessErrors)
        {
            md.AppendLine($"- harness error: {Cell(error)}");
        }

        if (report.Hostile is { } hostile)
        {
            md.AppendLine("## Hostile requests").AppendLine();
            md.AppendLine($"{hostile.Results.Count} requests: {hostile.ServerErrors} answered 5xx, {hostile.BareClientErrors} of {hostile.ClientErrors - hostile.ParserClientErrors} client errors the app answers without a problem body " +
                $"(and {hostile.ParserClientErrors} bare ones Kestrel's parser writes before any app code), " +
                $"{hostile.NoAnswer} without an answer, {hostile.NotAsExpected} not as expected; health afterwards: {(hostile.HealthyAfterwards ? "200" : "not 200")}.").AppendLine();
            md.AppendLine("| request | via | expected | status | content type | problem code | as expected | s |").AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var r in hostile.Results)
            {
                var o = r.Observed;
                md.AppendLine($"| {Cell(r.Name)} | {r.Transport} | {r.Expected} | {(o.Status?.ToString() ?? Cell(o.Error ?? "no answer"))} | {Cell(o.ContentType ?? "")} | {Cell(o.Code ?? (o.IsClientError || o.IsServerError ? "(none)" : ""))} | {(r.AsExpected ? "yes" : "**no**")} | {r.Seconds:F1} |");
            }

            md.AppendLine();
        }

        if (report.Memory.Count > 0)
        {
            md.AppendLine("## Memory under concurrent uploads").AppendLine();
            md.AppendLine("Resident memory (VmRSS, VmHWM from /proc/PID/status every 250 ms) of the serving process, freshly started for each run.").AppendLine();
            md.AppendLine("| run | requests | req/s | 200 | 413 | 503 | other | no answer | baseline | peak | +10 s | +30 s | +60 s |").AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var m in report.Memory)
            {
                var l = m.Load;
                var other = l.Requests - l.NoAnswer.Values.Sum() - l.Count(200) - l.Count(413) - l.Count(503);
                md.AppendLine($"| {m.Name} | {l.Requests} | {l.RequestsPerSecond:F1} | {l.Count(200)} | {l.Count(413)} | {l.Count(503)}{(l.BusyWithoutRetryAfter > 0 ? $" ({l.BusyWithoutRetryAfter} without Retry-After)" : "")} | {other}{OtherStatuses(l)} | {l.NoAnswer.Values.Sum()} | {Acceptance.Mb(m.BaselineRssBytes)} | {Acceptance.Mb(m.PeakRssBytes)} | {After(m, 10)} | {After(m, 30)} | {After(m, 60)} |");
            }

            md.AppendLine();
        }

        md.Append(BlobSections.Write(report));
        return md.ToString();
    }

    public static string AcceptanceTable(IReadOnlyList<Verdict> verdicts)
    {
        var md = new StringBuilder();
        md.AppendLine("| acceptance line | target | measured | result |").AppendLine("| --- | --- | --- | --- |");
        foreach (var v in verdicts)
        {
            md.AppendLine($"| {v.Line} | {v.Target} | {Cell(v.Measured)} | {v.Mark} |");
        }

        return md.ToString();
    }

    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string After(MemoryResult m, int mark) => m.RssAfterBytes.TryGetValue(mark, out var rss) ? Acceptance.Mb(rss) : "-";

    private static string OtherStatuses(LoadOutcome load)
    {
        var other = load.Statuses.Where(s => s.Key is not (200 or 413 or 503)).Select(s => $"{s.Key}: {s.Value}").ToList();
        return other.Count == 0 ? "" : $" ({string.Join(", ", other)})";
    }
}
