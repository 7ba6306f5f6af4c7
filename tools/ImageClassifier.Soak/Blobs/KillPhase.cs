using System.Diagnostics;
using ImageClassifier.Soak.Harness;

namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// Uploads half the blobs, kills the runner with SIGKILL while it is labelling them, uploads the other half while it
/// restarts, then waits until every confirmed upload has exactly one entity.
/// </summary>
internal static class KillPhase
{
    private const string Prefix = "soak/kill/";

    public static async Task<KillResult> RunAsync(Runner runner, BlobStore store, IReadOnlyList<(string Name, byte[] Bytes)> photos, TimeSpan timeout)
    {
        var blobs = photos.Select(p => (Prefix + p.Name, p.Bytes)).ToList();
        var half = blobs.Count / 2;
        var first = await store.UploadAsync(blobs.Take(half), parallelism: 8, "kill -9");
        // Kill while labelling is under way: once a quarter of the first half has its labels (or after 30 s).
        var (atKill, _, _) = await store.WaitForLabelsAsync(Prefix, first, TimeSpan.FromSeconds(30), "kill -9", until: t => t.Labelled >= first.Count / 4);
        await runner.KillHardAsync();
        Progress.Say("kill -9", $"runner killed with {atKill.Labelled}/{first.Count} labelled; restarting it while uploading the rest");

        var restart = runner.StartAsync();
        var second = await store.UploadAsync(blobs.Skip(half), parallelism: 8, "kill -9");
        var restartTime = await restart;
        Progress.Say("kill -9", $"runner back after {restartTime.TotalSeconds:F1} s");

        var uploaded = first.Concat(second).ToList();
        var clock = Stopwatch.StartNew();
        var (tally, elapsed, complete) = await store.WaitForLabelsAsync(Prefix, uploaded, timeout, "kill -9", clock);
        Progress.Say("kill -9", $"{tally.Labelled}/{tally.Uploaded} labelled, {tally.Lost} lost, {tally.Duplicated} duplicated");
        return new KillResult(atKill.Labelled, restartTime.TotalSeconds, tally, elapsed.TotalSeconds, complete);
    }
}
