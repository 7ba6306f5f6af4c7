using ImageClassifier.Soak.Harness;

namespace ImageClassifier.Soak.Memory;

/// <summary>A named concurrent-upload run: how many clients post which body for how long, and how long to watch it settle.</summary>
internal sealed record MemoryScenario(string Name, int Clients, byte[] Body, string ContentType, TimeSpan Duration, int SettleSeconds, bool Main = false)
{
    /// <summary>Runs the scenario against <paramref name="runner"/>, which must have been started just before.</summary>
    public async Task<MemoryResult> RunAsync(Runner runner)
    {
        await using var sampler = new RssSampler(runner.ProcessId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var baseline = sampler.Samples.LastOrDefault().RssBytes;
        Progress.Say("memory", $"{Name}: {Clients} client{(Clients == 1 ? "" : "s")} x {Body.Length / 1048576.0:F1} MiB bodies for {Duration.TotalSeconds:F0} s (baseline RSS {baseline / 1048576} MiB)");
        var load = await UploadLoad.RunAsync(runner.BaseAddress, Clients, Body, ContentType, Duration,
            done => Progress.Say("memory", $"{Name}: {done} requests, RSS {sampler.Samples.LastOrDefault().RssBytes / 1048576} MiB"));
        var loadEnded = sampler.Elapsed;
        var peak = sampler.Samples.Count == 0 ? 0 : sampler.Samples.Max(s => s.PeakRssBytes);
        Progress.Say("memory", $"{Name}: {load.Requests} requests, {load.RequestsPerSecond:F1}/s, peak RSS {peak / 1048576} MiB; watching it settle for {SettleSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(SettleSeconds) + RssSampler.Interval * 2);
        var after = MemoryResult.AtMarks(sampler.Samples, loadEnded, SettleSeconds);
        return new MemoryResult(Name, Clients, Body.Length, Duration.TotalSeconds, load, baseline, peak, after, Main);
    }
}
