using ImageClassifier.Cli.Settings;
using ImageClassifier.Models;

namespace ImageClassifier.Bench;

/// <summary>Runs every measurement in order and fills a <see cref="BenchReport"/>; targets are ratios within the run.</summary>
internal sealed class BenchRunner(BenchSettings settings)
{
    public const int Steps = 10;

    private const int ComparisonRounds = 3;

    internal const int Concurrency = 8;

    public async Task<BenchReport> RunAsync(Action<string> step, CancellationToken cancellationToken)
    {
        var files = settings.Files;
        var report = new BenchReport
        {
            Quick = settings.Quick,
            Machine = Machine.Describe(settings.Device),
            Model = $"{files.Identity} ({files.Directory})",
            IntraOpThreads = settings.Threads,
        };
        if (files.Labels.All(l => l.StartsWith("placeholder", StringComparison.Ordinal)))
        {
            report.ModelNote = "This model's labels are placeholders: it is the ImageNet-trained ResNet-18 graph from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 (no final 1000-way layer, about 0.03% of the FLOPs), used for speed and memory figures only. It labels nothing.";
        }

        var scratch = Directory.CreateTempSubdirectory("bench-").FullName;
        report.Notes.Add("New processes (first load, serve) start as a new cloud instance would: from a copy of the model folder as the package ships it (model.onnx only, no run-time optimised copy); the first-load rows with an optimised copy add ONNX Runtime's publish-time copy in .optimized/.");
        try
        {
            var input = InferenceBench.Input(files.Spec.InputSize);
            step("bare ONNX Runtime session load");
            report.Load.BareSessionLoad = InferenceBench.BareLoad(files.ModelPath, settings.Loads);
            report.Load.BareSessionLoadCold = await ColdBareLoadAsync(files.ModelPath, settings.Loads, cancellationToken);

            step("bare ONNX Runtime inference");
            report.Inference.BareDefault = InferenceBench.BareRun(files.ModelPath, input, 0, settings.InferenceRuns);

            // .NET and Node alternate in rounds, so a slow spell of this shared machine hits both alike.
            step("bare inference beside onnxruntime-node");
            var dotnet = new List<double>();
            var node = new List<double>();
            for (var round = 0; round < ComparisonRounds; round++)
            {
                dotnet.AddRange(InferenceBench.BareSamples(files.ModelPath, input, settings.Threads, settings.InferenceRuns / ComparisonRounds));
                var (samples, nodeNote) = await NodeBaseline.RunAsync(files.ModelPath, input, settings.Threads, settings.InferenceRuns / ComparisonRounds, scratch, cancellationToken);
                report.Inference.NodeNote = nodeNote;
                if (samples is null)
                {
                    break;
                }

                node.AddRange(samples);
            }

            report.Inference.BareThreads = Stats.Of(dotnet);
            report.Inference.Node = node.Count > 0 ? Stats.Of(node) : null;

            step("engine inference and batches");
            var small = BenchImages.Jpeg(640, 427);
            var large = BenchImages.Jpeg(4000, 3000);
            var (batch1, batches, note, served) = await InferenceBench.EngineAsync(files, CreateEngine, small, settings.InferenceRuns, settings.BatchSizes, scratch, cancellationToken);
            report.Inference.EngineBatch1 = batch1;
            report.Inference.Batches.AddRange(batches);
            report.Inference.BatchNote = note;

            step("decode and preprocess");
            using (var engine = CreateEngine(files.Directory))
            {
                report.Decode.Add(await DecodeBench.MeasureAsync(engine, "JPEG 640x427 (0.27 MP)", small, settings.DecodeRuns, cancellationToken));
                report.Decode.Add(await DecodeBench.MeasureAsync(engine, "JPEG 1224x816 (1 MP)", BenchImages.Jpeg(1224, 816), settings.DecodeRuns, cancellationToken));
                report.Decode.Add(await DecodeBench.MeasureAsync(engine, "JPEG 4000x3000 (12 MP)", large, settings.DecodeRuns, cancellationToken));
                report.Decode.Add(await DecodeBench.MeasureAsync(engine, "PNG 640x427 (0.27 MP)", BenchImages.Png(640, 427), settings.DecodeRuns, cancellationToken));
            }

            step("classify with and without telemetry");
            using (var engine = CreateEngine(files.Directory))
            {
                report.Telemetry = await TelemetryBench.MeasureAsync(engine, small, settings.DecodeRuns, cancellationToken);
            }

            step("first load in a new process");
            var packaged = await new FirstLoadBench(settings, scratch).MeasureAsync(report, served, small, cancellationToken);

            step("imgclass published for linux-x64");
            var cli = await Publisher.PublishCliAsync(scratch, cancellationToken);
            report.Notes.Add("serve and classify run as `dotnet publish -r linux-x64` builds them, ReadyToRun like the function app's package (Directory.Build.props); `dotnet run` starts the plain build, which compiles more at start-up (docs/performance.md, \"Cold start\").");

            step("end to end over HTTP");
            var reference = settings.Reference is { } r ? ModelFiles.Read(FirstLoadBench.PackageShaped(r, scratch, Path.Combine("reference", Path.GetFileName(Path.TrimEndingDirectorySeparator(r.Directory))))) : null;
            await new ServeBench(settings, ColdInstance(scratch), cli).MeasureAsync(report, packaged, reference, small, large, cancellationToken);

            step("function app package");
            report.Package = await PackageBench.MeasureAsync(files.Directory, scratch, cancellationToken);

            step("backfill beside classify");
            report.Backfill = await new BackfillBench(settings, scratch, cli).MeasureAsync(ColdInstance(scratch), cancellationToken);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        AddTargets(report);
        return report;
    }

    // The first session of a new process: what a cold start pays, native library loading included.
    private static async Task<Stats> ColdBareLoadAsync(string modelPath, int runs, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            samples.Add(await ColdBareLoadOnceAsync(modelPath, cancellationToken));
        }

        return Stats.Of(samples);
    }

    // A new cloud instance: no run-time optimised copy yet (only what was published beside the model), and none saved.
    /// <summary>One bare session load in a new process, default options, in ms.</summary>
    internal static async Task<double> ColdBareLoadOnceAsync(string modelPath, CancellationToken cancellationToken)
    {
        await using var child = ChildProcess.Start(ChildProcess.Bench, new Dictionary<string, string>(), "probe-bare-load", "--model-file", modelPath);
        var line = await child.WaitForLineAsync("loaded ", TimeSpan.FromMinutes(1), cancellationToken);
        return double.Parse(line.Line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static Dictionary<string, string> ColdInstance(string scratch) => new()
    {
        ["Classifier__OptimizedModelCache"] = Path.Combine(scratch, "empty-cache"),
        ["Classifier__SaveOptimizedCopy"] = "false",
    };

    private static void AddTargets(BenchReport r)
    {
        var bare = r.Inference.BareDefault!.Median;
        var smallOne = r.EndToEnd.First(e => e.Image == "JPEG 640x427" && e.Clients == 1);
        var smallMany = r.EndToEnd.First(e => e.Image == "JPEG 640x427" && e.Clients == Concurrency);
        var largeOne = r.EndToEnd.First(e => e.Image == "JPEG 4000x3000" && e.Clients == 1);
        var largeMany = r.EndToEnd.First(e => e.Image == "JPEG 4000x3000" && e.Clients == Concurrency);
        r.Targets.Add(Below("end to end 640x427, 1 client / bare inference", smallOne.Latency.Median / bare, 1.8, "medians; bare = default session options"));
        r.Targets.Add(Below("end to end 12 MP, 1 client / bare inference", largeOne.Latency.Median / bare, 4.0, "medians"));
        r.Targets.Add(Below("serve start to first HTTP result / bare session load", r.Load.ServeStarts!.Median / r.Load.ServeStartsBare!.Median, 1.5, F($"medians of {r.Load.ServeStarts.Count} serve starts and as many bare loads, alternating; Azurite running; bare = first session in a new process, default options (issue 8)")));
        if (r.Load.ReferenceServeStarts is { } reference)
        {
            var own = r.Load.ServeStartsBare.Median;
            r.Notes.Add(F($"Start-up floor: with the reference model {r.Load.ReferenceModel}, whose session loads in {r.Load.ReferenceBare!.Median:F0} ms, serve's first HTTP result came at {reference.Median:F0} ms, {reference.Median / own:F2} times this graph's bare load ({own:F0} ms). That part of the start-up ratio is the host (.NET, ASP.NET Core, storage clients, the first request and its stored result), which no faster model load removes."));
        }

        if (r.Package is { } package)
        {
            r.Targets.Add(Below("function app package zipped with the production ResNet-18, MB (10^6 bytes)", package.ZipMBWithProductionWeights, 80, F($"linux-x64 publish, {package.Files} files, {package.WeightCopies} copy of the weights; torchvision's 11.7 M weights in place of this graph's, at the compression this graph's got; with this graph itself {package.ZipMB:F2} MB")));
        }
        if (r.Telemetry is { } telemetry)
        {
            var ratio = telemetry.Exported / telemetry.NotListened;
            r.Targets.Add(new Target("classify images/s, telemetry exported / not listened (at least)", ratio, 0.95, ratio >= 0.95, F($"640x427 JPEG, {telemetry.Rounds} alternating rounds of {telemetry.ImagesPerRound}, medians")));
        }

        r.Targets.Add(Below("errors with 8 clients", smallMany.Errors + largeMany.Errors, 0, "both image sizes"));
        r.Targets.Add(new Target("throughput 8 clients / 1 client (at least)", smallMany.RequestsPerSecond / smallOne.RequestsPerSecond, 1.0, smallMany.RequestsPerSecond >= smallOne.RequestsPerSecond, "640x427, requests/s"));
        if (r.ServePeakRssMb is { } rss)
        {
            r.Targets.Add(Below("serving process peak memory, MB", rss, 400, "VmHWM after all HTTP runs"));
        }

        if (r.Backfill is { Runs: [var first, ..] } backfill)
        {
            var ratio = first.ImagesPerSecond / backfill.ClassifyPerSecond[0];
            r.Targets.Add(new Target("backfill / classify images per second (at least)", ratio, 0.75, ratio >= 0.75, F($"{backfill.Images} JPEGs 640x427, work items of {first.ItemSize}; serve and Azurite on this machine")));
        }

        if (r.Inference.Node is { } node)
        {
            r.Targets.Add(Below(F($"bare inference / onnxruntime-node ({r.IntraOpThreads} threads)"), r.Inference.BareThreads!.Median / node.Median, 1.0, "same graph, threads and input"));
        }
    }

    // The engine as the CLI composes it, without the result cache (every timed image must be decoded and run) and
    // without a run-time optimised copy (the probes below measure the published one).
    private ClassifierEngine CreateEngine(string modelDirectory)
    {
        var overrides = new SettingOverrides()
            .Set(nameof(ClassifierOptions.ModelDirectory), "--model", modelDirectory)
            .Set(nameof(ClassifierOptions.IntraOpThreads), "--threads", settings.Threads)
            .Set(nameof(ClassifierOptions.ExecutionProvider), "--device", settings.Device);
        return EngineFactory.Create(overrides, oneShot: true, configure: o => o.CacheEntries = 0);
    }

    private static Target Below(string name, double value, double limit, string how) => new(name, value, limit, value <= limit, how);

    private static string F(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
