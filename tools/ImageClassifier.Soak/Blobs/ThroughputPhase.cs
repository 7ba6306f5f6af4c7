using System.Diagnostics;
using ImageClassifier.Soak.Harness;

namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// Local blob labelling against <c>classify</c> on the same files, in the same run: classify's wall time (process start
/// to exit, model load included) and the time from the first upload until every blob has its entity.
/// </summary>
internal static class ThroughputPhase
{
    public static async Task<ThroughputResult> RunAsync(string cliDll, string modelDirectory, IReadOnlyList<(string Name, byte[] Bytes)> photos, BlobStore store, string workDirectory, TimeSpan timeout)
    {
        var folder = Path.Combine(workDirectory, "throughput");
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in photos)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
        }

        Progress.Say("throughput", $"classify --json on {photos.Count} files");
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
        Progress.Say("throughput", $"classify: {lines} results in {classifySeconds:F1} s (exit {process.ExitCode}); now {photos.Count} blob uploads");

        const string Prefix = "soak/throughput/";
        clock.Restart();
        var uploaded = await store.UploadAsync(photos.Select(p => (Prefix + p.Name, p.Bytes)), parallelism: 8, "throughput");
        var (tally, elapsed, complete) = await store.WaitForLabelsAsync(Prefix, uploaded, timeout, "throughput", clock);
        Progress.Say("throughput", $"blobs: {tally.Labelled}/{tally.Uploaded} labelled in {elapsed.TotalSeconds:F1} s, ratio {elapsed.TotalSeconds / classifySeconds:F2}");
        return new ThroughputResult(photos.Count, classifySeconds, lines, process.ExitCode, elapsed.TotalSeconds, tally, complete);
    }
}
