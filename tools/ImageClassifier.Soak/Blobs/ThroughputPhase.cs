using System.Diagnostics;
using ImageClassifier.Soak.Harness;

namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// Local blob labelling against <c>classify</c> on the same files, in the same run, in alternating rounds: classify's
/// wall time (process start to exit, model load included) with the runner stopped, then the runner started afresh, left
/// to finish its start-up work, and the time from the first upload until every blob has its entity. Each round uploads
/// under its own prefix. Neither side shares the cores with the other's start-up or background work.
/// </summary>
internal static class ThroughputPhase
{
    public static async Task<ThroughputResult> RunAsync(string cliDll, string modelDirectory, IReadOnlyList<(string Name, byte[] Bytes)> photos, BlobStore store, string workDirectory, int rounds, Runner runner, TimeSpan timeout)
    {
        var folder = Path.Combine(workDirectory, "throughput");
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in photos)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
        }

        var results = new List<ThroughputRound>(rounds);
        for (var round = 1; round <= rounds; round++)
        {
            var phase = rounds == 1 ? "throughput" : $"throughput {round}/{rounds}";
            results.Add(await RoundAsync(cliDll, modelDirectory, photos, store, folder, runner, $"soak/throughput/{round}/", phase, timeout));
        }

        var result = new ThroughputResult(photos.Count, results);
        if (rounds > 1)
        {
            Progress.Say("throughput", $"medians: blobs {result.BlobSeconds:F1} s, classify {result.ClassifySeconds:F1} s, ratio {result.Ratio:F2}");
        }

        return result;
    }

    private static async Task<ThroughputRound> RoundAsync(string cliDll, string modelDirectory, IReadOnlyList<(string Name, byte[] Bytes)> photos, BlobStore store, string folder, Runner runner, string prefix, string phase, TimeSpan timeout)
    {
        await runner.StopAsync();
        // Every entity of this round is written after this moment (Azurite runs on this machine's clock), so the polls
        // read this round's entities only, not the earlier rounds' too; the classify run below is the margin.
        var since = DateTimeOffset.UtcNow;
        Progress.Say(phase, $"classify --json on {photos.Count} files");
        var clock = Stopwatch.StartNew();
        var classify = new ProcessStartInfo("dotnet") { ArgumentList = { cliDll, "classify", "--model", modelDirectory, "--json", folder }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(classify) ?? throw new InvalidOperationException("classify did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = 0;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines += line.StartsWith('{') ? 1 : 0;
        }

        await process.WaitForExitAsync();
        await stderr;
        var classifySeconds = clock.Elapsed.TotalSeconds;
        // Labelling is timed on a runner that is already up, as a user's serve is when files are dropped into the container.
        var startup = await runner.StartAsync();
        var (settling, settled) = await runner.WaitUntilIdleAsync(TimeSpan.FromSeconds(20));
        Progress.Say(phase, $"classify: {lines} results in {classifySeconds:F1} s (exit {process.ExitCode}); runner answering after {startup.TotalSeconds:F1} s, " +
            (settled ? $"idle {settling.TotalSeconds:F1} s later" : $"still busy {settling.TotalSeconds:F0} s later (measured anyway)") + $"; now {photos.Count} blob uploads");

        clock.Restart();
        var uploaded = await store.UploadAsync(photos.Select(p => (prefix + p.Name, p.Bytes)), parallelism: 8, phase);
        var (tally, elapsed, complete) = await store.WaitForLabelsAsync(prefix, uploaded, timeout, phase, clock, since: since);
        Progress.Say(phase, $"blobs: {tally.Labelled}/{tally.Uploaded} labelled in {elapsed.TotalSeconds:F1} s, ratio {elapsed.TotalSeconds / classifySeconds:F2}");
        return new ThroughputRound(classifySeconds, lines, process.ExitCode, elapsed.TotalSeconds, tally, complete, settled);
    }
}
