using ImageClassifier.Soak.Blobs;
using ImageClassifier.Soak.Harness;
using ImageClassifier.Soak.Hostile;
using ImageClassifier.Soak.Memory;
using ImageClassifier.Soak.Report;

namespace ImageClassifier.Soak;

/// <summary>
/// One fault run, phase by phase, against a runner and an Azurite that this run starts and stops itself. A phase that
/// fails is recorded as a harness error and the run goes on, so one broken phase does not cost the others' figures.
/// </summary>
internal static class SoakRun
{
    public static async Task<int> RunAsync(SoakSettings settings, string imagesDirectory, string command)
    {
        var root = RepositoryRoot.Find();
        if (!File.Exists(Path.Combine(settings.ModelDirectory, "model.onnx")))
        {
            throw new InvalidOperationException($"'{Path.GetFullPath(settings.ModelDirectory)}' has no model.onnx: pass --model DIR.");
        }

        if (!Directory.Exists(imagesDirectory))
        {
            throw new InvalidOperationException($"'{Path.GetFullPath(imagesDirectory)}' does not exist: pass --images DIR with the test photos.");
        }

        var output = Path.GetFullPath(settings.OutputDirectory);
        var work = Path.Combine(Path.GetTempPath(), $"soak-{Guid.NewGuid():N}");
        Directory.CreateDirectory(output);
        var errors = new List<string>();
        var started = DateTimeOffset.UtcNow;
        var machine = RunInfo.Machine();
        Progress.Say("setup", $"{machine}; output in {output}");

        var dll = settings.CliDll ?? await CliBuild.BuildAsync(root);
        Progress.Say("setup", $"runner: dotnet {dll} serve; making the test images");
        var inputs = SoakInputs.Create(imagesDirectory, settings);
        var corpus = HostileCorpus.Create(inputs.Photo, inputs.TruncatedJpeg, settings.MaxImageBytes);

        await using var azurite = new OwnAzurite(root, Path.Combine(work, "azurite"), Path.Combine(output, "azurite.log"));
        await azurite.StartAsync();
        Progress.Say("setup", $"own Azurite on 127.0.0.1:{azurite.PortNumbers} (blob/queue/table)");
        await using var runner = new Runner(dll, Path.GetFullPath(settings.ModelDirectory), azurite.ConnectionString, Path.Combine(output, "runner.log"));
        var store = new BlobStore(azurite.ConnectionString);

        async Task<T?> Phase<T>(string name, Func<Task<T>> run) where T : class
        {
            try
            {
                await runner.StopAsync();
                var startup = await runner.StartAsync();
                Progress.Say(name, $"runner answering on port {runner.Port} after {startup.TotalSeconds:F1} s");
                return await run();
            }
            catch (Exception ex)
            {
                // Whatever broke, the other phases still run and the report says what failed.
                errors.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
                Progress.Say(name, $"harness error: {ex.Message}");
                return null;
            }
        }

        var hostile = settings.Phases.Contains("hostile") ? await Phase("hostile", () => HostileRun.RunAsync(runner.BaseAddress, corpus)) : null;
        var memory = new List<MemoryResult>();
        var noise = $"{inputs.Noise.Length / 1048576.0:F1} MiB noise PNG";
        MemoryScenario[] scenarios =
        [
            new($"{settings.Clients} x {noise}", settings.Clients, inputs.Noise, "image/png", TimeSpan.FromSeconds(settings.LoadSeconds), settings.SettleSeconds, Main: true),
            new($"{settings.FewClients} x {noise}", settings.FewClients, inputs.Noise, "image/png", TimeSpan.FromSeconds(settings.LoadSeconds), settings.OtherSettleSeconds),
            new("8 x 68-byte GIF declaring 6000x6600", 8, inputs.GifBomb, "image/gif", TimeSpan.FromSeconds(settings.LoadSeconds), settings.OtherSettleSeconds),
            new($"1 x multipart of {SoakInputs.MultipartFiles} x {noise}", 1, inputs.MultipartNoise, $"multipart/form-data; boundary={Bodies.Boundary}", TimeSpan.FromSeconds(settings.LoadSeconds), settings.OtherSettleSeconds),
        ];
        foreach (var scenario in settings.Phases.Contains("memory") ? scenarios : [])
        {
            if (await Phase("memory", () => scenario.RunAsync(runner)) is { } result)
            {
                memory.Add(result);
            }
        }

        var blobs = settings.Phases.Contains("blobs");
        var throughput = blobs ? await Phase("throughput", () => ThroughputPhase.RunAsync(dll, settings.ModelDirectory, inputs.Photos, store, work, settings.ThroughputRounds, runner, SoakSettings.LabelTimeout)) : null;
        var kill = blobs ? await Phase("kill -9", () => KillPhase.RunAsync(runner, store, inputs.Photos, SoakSettings.LabelTimeout)) : null;
        var outage = blobs ? await Phase("outage", () => OutagePhase.RunAsync(runner, azurite, store, inputs.Photos, inputs.Photo, TimeSpan.FromSeconds(settings.OutageSeconds), SoakSettings.LabelTimeout)) : null;
        await runner.StopAsync();
        await azurite.StopAsync();

        var report = new SoakReport(started, RunInfo.Commit(root), command, machine, settings, hostile, memory, throughput, kill, outage, errors);
        await File.WriteAllTextAsync(Path.Combine(output, "reliability.md"), MarkdownReport.Write(report));
        await File.WriteAllTextAsync(Path.Combine(output, "reliability.json"), JsonReport.Write(report));
        Console.WriteLine();
        Console.WriteLine(MarkdownReport.AcceptanceTable(report.Verdicts));
        Console.WriteLine($"Report: {Path.Combine(output, "reliability.md")} (and reliability.json, runner.log, azurite.log)");
        TryDelete(work);
        return errors.Count == 0 ? 0 : 1;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
