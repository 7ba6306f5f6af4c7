using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;

namespace ImageClassifier.Bench;

/// <summary>Writes bench.md (the study's table with this machine's row beside its rows), bench.json and bench.png.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task WriteAsync(BenchReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "bench.md"), Markdown(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "bench.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }), cancellationToken);
        Chart(report, Path.Combine(directory, "bench.png"));
    }

    public static string Markdown(BenchReport r)
    {
        var md = new StringBuilder();
        var m = r.Machine;
        md.AppendLine(F($"# ResNet-18 inference: this machine beside the published study"));
        md.AppendLine();
        md.AppendLine(F($"Measured {r.Date:yyyy-MM-dd HH:mm} UTC{(r.Quick ? " with --quick (fewer runs)" : "")} on {m.Cpu}, {m.Cores} cores, {m.MemoryGiB} GiB; {m.Runtime}; ONNX Runtime {m.OnnxRuntime} ({m.ExecutionProvider}). Model: {r.Model}."));
        if (r.ModelNote is not null)
        {
            md.AppendLine();
            md.AppendLine($"> {r.ModelNote}");
        }

        md.AppendLine();
        md.AppendLine("| Machine | Stack | Inference ms/image, batch 1 | ms/image in a batch | Peak memory MB | First load s | End to end ms |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        md.AppendLine("| 2-vCPU cloud VM (study) | PyTorch, TorchScript, Flask | 42.5 | 38 (batch 4) | 512 | 5.6 | 180 |");
        md.AppendLine("| NVIDIA T4 (study) | PyTorch, TorchScript, Flask | 8.2 | 1.5 (batch 8) | 1024 | 3.1 | 110 |");
        var batch = r.Inference.Batches.OrderBy(b => b.MsPerImage).FirstOrDefault();
        var e2e = r.EndToEnd.FirstOrDefault(e => e.Clients == 1);
        md.AppendLine(F($"| **this machine** ({m.Cores} cores, {m.ExecutionProvider}) | .NET, ONNX Runtime, Azure Functions app via local runner | {N(r.Inference.EngineBatch1?.Median)} | {(batch is null ? "batch 1 only" : F($"{batch.MsPerImage:F1} (batch {batch.Batch})"))} | {N(r.ServePeakRssMb, "F0")} | {N(r.Load.ProcessToFirstResult / 1000, "F2")} | {N(e2e?.Latency.Median)} |"));
        md.AppendLine();
        md.AppendLine("Inference is the median after warm-up. First load is process start to the first labelled image. End to end is the median of one client posting a 640x427 JPEG over HTTP with keep-alive, result stored in the table. Peak memory is the serving process's peak resident set.");
        md.AppendLine();

        md.AppendLine("## Inference (ms per image, batch 1)");
        md.AppendLine();
        md.AppendLine("| Run | median | p90 | p99 |");
        md.AppendLine("| --- | --- | --- | --- |");
        Row(md, "bare ONNX Runtime, default session options", r.Inference.BareDefault);
        Row(md, F($"bare ONNX Runtime, {r.IntraOpThreads} intra-op threads"), r.Inference.BareThreads);
        Row(md, r.Inference.NodeNote ?? "onnxruntime-node", r.Inference.Node);
        Row(md, "the engine's session", r.Inference.EngineBatch1);
        md.AppendLine();
        md.AppendLine($"Batches ({r.Inference.BatchNote}):");
        md.AppendLine();
        md.AppendLine("| batch | images/s | ms/image |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var b in r.Inference.Batches)
        {
            md.AppendLine(F($"| {b.Batch} | {b.ImagesPerSecond:F1} | {b.MsPerImage:F2} |"));
        }

        md.AppendLine();
        md.AppendLine("## Load (ms)");
        md.AppendLine();
        md.AppendLine("| What | ms |");
        md.AppendLine("| --- | --- |");
        md.AppendLine(F($"| bare ONNX Runtime session load, default options, first in a new process (median) | {N(r.Load.BareSessionLoadCold?.Median)} |"));
        md.AppendLine(F($"| bare ONNX Runtime session load, default options, again in the same process (median) | {N(r.Load.BareSessionLoad?.Median)} |"));
        md.AppendLine(F($"| process start to model ready (classify engine, model.onnx only, median) | {N(r.Load.ProcessToModelReady)} |"));
        md.AppendLine(F($"| process start to first result (classify engine) | {N(r.Load.ProcessToFirstResult)} |"));
        md.AppendLine(F($"| process start to model ready, with the publish-time optimised copy | {N(r.Load.ProcessToModelReadyWithOptimizedCopy)} |"));
        md.AppendLine(F($"| process start to first result, with the publish-time optimised copy | {N(r.Load.ProcessToFirstResultWithOptimizedCopy)} |"));
        md.AppendLine(F($"| serve process start to host built (serve's own clock) | {N(r.Load.ServeHostBuilt)} |"));
        md.AppendLine(F($"| serve process start to model ready (engine log line) | {N(r.Load.ServeModelReady)} |"));
        md.AppendLine(F($"| serve process start to listening (banner) | {N(r.Load.ServeListening)} |"));
        md.AppendLine(F($"| serve process start to first HTTP result (Azurite running) | {N(r.Load.ServeToFirstHttpResult)} |"));
        md.AppendLine(F($"| serve process start to first HTTP result, {r.Load.ServeStarts?.Count} starts (median) | {N(r.Load.ServeStarts?.Median)} |"));
        md.AppendLine(F($"| bare session load in a new process, alternating with those starts (median) | {N(r.Load.ServeStartsBare?.Median)} |"));
        if (r.Load.ReferenceServeStarts is { } referenceStarts)
        {
            md.AppendLine(F($"| serve process start to first HTTP result with the reference model {r.Load.ReferenceModel}, {referenceStarts.Count} starts in the same rounds (median) | {N(referenceStarts.Median)} |"));
            md.AppendLine(F($"| bare session load of the reference model in a new process (median) | {N(r.Load.ReferenceBare?.Median)} |"));
        }
        if (r.Package is { } package)
        {
            md.AppendLine();
            md.AppendLine("## Function app package (linux-x64 publish with this model, zipped)");
            md.AppendLine();
            md.AppendLine(F($"{package.ZipMB:F2} MB ({package.ZipMiB:F2} MiB) zipped ({package.ZipMBWithProductionWeights:F2} MB with torchvision's ResNet-18 weights, which the deploy workflow ships, in place of this graph's), {package.Files} files, {package.WeightCopies} copy of the weights ({package.ModelZipMiB:F1} MiB zipped). Largest entries, MiB zipped: {string.Join("; ", package.Largest)}."));
        }
        md.AppendLine();

        md.AppendLine("## Decode and preprocess (ms per image)");
        md.AppendLine();
        md.AppendLine("| Image | bytes | decode | preprocess | total median | total p90 |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var d in r.Decode)
        {
            md.AppendLine(F($"| {d.Image} | {d.Bytes:N0} | {d.Decode.Median:F2} | {d.Preprocess.Median:F2} | {d.Total.Median:F2} | {d.Total.P90:F2} |"));
        }

        if (r.Telemetry is { } telemetry)
        {
            md.AppendLine();
            md.AppendLine("## Telemetry overhead (classify, one image at a time)");
            md.AppendLine();
            md.AppendLine(F($"{telemetry.NotListened:F1} images/s with nothing listening, {telemetry.Exported:F1} images/s with every span and metric exported (ratio {telemetry.Exported / telemetry.NotListened:F3}; medians of {telemetry.Rounds} alternating rounds of {telemetry.ImagesPerRound})."));
        }

        md.AppendLine();
        md.AppendLine("## End to end over HTTP (local runner, keep-alive, results stored)");
        md.AppendLine();
        md.AppendLine("| Image | clients | requests | errors | p50 ms | p90 ms | p99 ms | requests/s | server decode / preprocess / inference ms |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var e in r.EndToEnd)
        {
            md.AppendLine(F($"| {e.Image} | {e.Clients} | {e.Requests} | {e.Errors} | {e.Latency.Median:F1} | {e.Latency.P90:F1} | {e.Latency.P99:F1} | {e.RequestsPerSecond:F1} | {e.ServerDecodeMs:F1} / {e.ServerPreprocessMs:F1} / {e.ServerInferenceMs:F1} |"));
        }

        md.AppendLine();
        md.AppendLine(F($"Serving process peak resident memory: {N(r.ServePeakRssMb, "F0")} MB."));
        md.AppendLine();
        if (r.Backfill is { } backfill)
        {
            foreach (var line in backfill.Markdown())
            {
                md.AppendLine(line);
            }

            md.AppendLine();
        }

        md.AppendLine("## Targets (ratios within this run)");
        md.AppendLine();
        md.AppendLine("| Target | value | limit | met | how |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var t in r.Targets)
        {
            md.AppendLine(F($"| {t.Name} | {t.Value:F2} | {t.Limit:F2} | {(t.Met ? "yes" : "**no**")} | {t.How} |"));
        }

        if (r.Notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in r.Notes)
            {
                md.AppendLine($"- {note}");
            }
        }

        return md.ToString();
    }

    private static void Chart(BenchReport report, string path)
    {
        var plot = new Plot();
        var colors = new[] { Colors.SteelBlue, Colors.Orange, Colors.SeaGreen, Colors.Gray };
        var names = new[] { "decode", "preprocess", "inference", "HTTP, storage, queueing" };
        var rows = report.EndToEnd.Where(e => !double.IsNaN(e.ServerDecodeMs)).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var e = rows[i];
            var parts = new[] { e.ServerDecodeMs, e.ServerPreprocessMs, e.ServerInferenceMs, Math.Max(0, e.Latency.Median - e.ServerDecodeMs - e.ServerPreprocessMs - e.ServerInferenceMs) };
            var start = 0.0;
            for (var p = 0; p < parts.Length; p++)
            {
                var bar = new Bar { Position = i, ValueBase = start, Value = start + parts[p], FillColor = colors[p], Orientation = Orientation.Horizontal };
                plot.Add.Bar(bar);
                start += parts[p];
            }
        }

        plot.Axes.Left.SetTicks(rows.Select((_, i) => (double)i).ToArray(), rows.Select(e => F($"{e.Image}, {e.Clients} client{(e.Clients == 1 ? "" : "s")}")).ToArray());
        for (var p = 0; p < names.Length; p++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = names[p], FillColor = colors[p] });
        }

        plot.ShowLegend(Alignment.LowerRight);
        plot.Title(F($"Median latency by stage, {report.Machine.Cores} cores, {report.Machine.ExecutionProvider}"));
        plot.XLabel("milliseconds");
        plot.Axes.Margins(left: 0, right: 0.1, bottom: 0.1, top: 0.1);
        plot.SavePng(path, 1100, 120 + (90 * Math.Max(rows.Count, 1)));
    }

    private static void Row(StringBuilder md, string name, Stats? stats) =>
        md.AppendLine(stats is null ? $"| {name} | not measured | | |" : F($"| {name} | {stats.Median:F2} | {stats.P90:F2} | {stats.P99:F2} |"));

    private static string N(double? value, string format = "F1") => value is null || double.IsNaN(value.Value) ? "n/a" : value.Value.ToString(format, Invariant);

    private static string F(FormattableString text) => text.ToString(Invariant);
}
