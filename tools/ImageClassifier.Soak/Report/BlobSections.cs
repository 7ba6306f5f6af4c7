using System.Text;

namespace ImageClassifier.Soak.Report;

/// <summary>The blob sections of <c>reliability.md</c>: throughput against classify, kill -9, storage outage.</summary>
internal static class BlobSections
{
    public static string Write(SoakReport report)
    {
        var md = new StringBuilder();
        if (report.Throughput is { } t)
        {
            md.AppendLine("## Local blob labelling against classify").AppendLine();
            md.AppendLine($"{t.Rounds.Count} alternating round(s), each `classify --json` on {t.Files} distinct JPEGs (a new process, model load included), " +
                $"then the same files uploaded to `images` under the round's own prefix (8 at a time) on a freshly started runner, timed from the first upload until every blob had its entity" +
                $"{(t.Complete ? "" : " (a round timed out or classify missed files)")}: medians {t.BlobSeconds:F1} s against {t.ClassifySeconds:F1} s, **{t.Ratio:F2}x** classify.").AppendLine();
            md.AppendLine("| round | classify | results | runner settled first | blob labelling | labelled | ratio |").AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var (r, i) in t.Rounds.Select((r, i) => (r, i + 1)))
            {
                md.AppendLine($"| {i} | {r.ClassifySeconds:F1} s | {r.ClassifyLines} (exit {r.ClassifyExit}) | {(r.RunnerSettled ? "yes" : "no, still busy")} | {r.BlobSeconds:F1} s | {r.Blobs.Labelled}/{r.Blobs.Uploaded} | {r.Ratio:F2} |");
            }

            md.AppendLine();
        }

        if (report.Kill is { } k)
        {
            md.AppendLine("## Blob labelling across kill -9").AppendLine();
            md.AppendLine($"{k.Final.Uploaded} blobs uploaded; the runner was killed with SIGKILL after the first half ({k.LabelledAtKill} labelled by then) and was answering again {k.RestartSeconds:F1} s later. " +
                $"In the end: {k.Final.Labelled} labelled ({k.Final.Failed} as failed), **{k.Final.Lost} lost, {k.Final.Duplicated} duplicated**, all labelled {k.SecondsToAllLabelled:F1} s after the restart{(k.Complete ? "" : " (timed out)")}.").AppendLine();
        }

        if (report.Outage is { } o)
        {
            md.AppendLine("## Storage outage").AppendLine();
            md.AppendLine($"The run's own Azurite was stopped (SIGINT) with blobs still being labelled and started again on the same data; it answered again {o.DownSeconds:F1} s after the stop. Recovery times count from then.").AppendLine();
            md.AppendLine($"- `POST /api/classify` during the outage: {Counts(o.ClassifyDuringOutage)}");
            md.AppendLine($"- `GET /api/labels/{{id}}` during the outage: {Counts(o.LabelsDuringOutage)}");
            md.AppendLine($"- blob uploads refused during the outage (sent again afterwards): {o.UploadsRefused}");
            md.AppendLine($"- first `stored:true` after storage came back: {(o.SecondsToStoredTrue is { } s ? $"{s:F1} s" : "never (timed out)")}");
            md.AppendLine($"- all {o.Final.Uploaded} blobs labelled: {o.SecondsToAllLabelled:F1} s after storage came back{(o.Complete ? "" : " (timed out)")}; **{o.Final.Lost} lost, {o.Final.Duplicated} duplicated**");
            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Counts(SortedDictionary<string, int> counts) =>
        counts.Count == 0 ? "none sent" : string.Join(", ", counts.Select(c => $"{c.Value} x `{c.Key}`"));
}
