using System.Diagnostics;
using System.Text.Json;
using ImageClassifier.Soak.Harness;
using ImageClassifier.Soak.Hostile;

namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// Stops the run's own Azurite with blobs still being labelled, probes the runner while storage is down, starts
/// Azurite again on the same data, and measures recovery. Uploads refused during the outage are sent again afterwards,
/// as a client would.
/// </summary>
internal static class OutagePhase
{
    private const string Prefix = "soak/outage/";

    public static async Task<OutageResult> RunAsync(Runner runner, OwnAzurite azurite, BlobStore store, IReadOnlyList<(string Name, byte[] Bytes)> photos, byte[] probe, TimeSpan outage, TimeSpan timeout)
    {
        var blobs = photos.Select(p => (Name: Prefix + p.Name, p.Bytes)).ToList();
        var before = await store.UploadAsync(blobs.Take(blobs.Count / 2), parallelism: 8, "outage");
        await azurite.StopAsync();
        Progress.Say("outage", $"storage stopped; probing for {outage.TotalSeconds:F0} s");

        using var http = new HttpClient { BaseAddress = runner.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var classify = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var labels = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var refused = new List<(string Name, byte[] Bytes)>();
        var pending = new Queue<(string Name, byte[] Bytes)>(blobs.Skip(blobs.Count / 2));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < outage)
        {
            Count(classify, await ClassifyAsync(http, probe));
            Count(labels, await DescribeAsync(() => http.GetAsync("api/labels/0123456789abcdef0123456789abcdef")));
            if (pending.TryDequeue(out var blob))
            {
                if ((await store.UploadAsync([blob], 1, phase: null)).Count == 0)
                {
                    refused.Add(blob);
                }
            }

            await Task.Delay(250);
        }

        var stillToUpload = refused.Concat(pending).ToList();
        await azurite.StartAsync();
        var down = clock.Elapsed; // from the stop until Azurite answers again; recovery is timed from here
        clock.Restart();
        Progress.Say("outage", $"storage answering again after {down.TotalSeconds:F1} s down; {refused.Count} uploads were refused meanwhile");
        double? storedAgain = null;
        while (storedAgain is null && clock.Elapsed < timeout)
        {
            if (await ClassifyAsync(http, probe) == "200 stored:true")
            {
                storedAgain = clock.Elapsed.TotalSeconds;
            }
            else
            {
                await Task.Delay(250);
            }
        }

        var after = await store.UploadAsync(stillToUpload, parallelism: 8, "outage");
        var uploaded = before.Concat(after).Distinct(StringComparer.Ordinal).ToList();
        var (tally, elapsed, complete) = await store.WaitForLabelsAsync(Prefix, uploaded, timeout, "outage", clock);
        Progress.Say("outage", $"stored:true after {storedAgain:F1} s; {tally.Labelled}/{tally.Uploaded} labelled after {elapsed.TotalSeconds:F1} s, {tally.Lost} lost, {tally.Duplicated} duplicated");
        return new OutageResult(down.TotalSeconds, classify, labels, refused.Count, storedAgain, elapsed.TotalSeconds, tally, complete);
    }

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static async Task<string> ClassifyAsync(HttpClient http, byte[] probe)
    {
        using var content = Bodies.Bytes(probe, "image/jpeg");
        return await DescribeAsync(() => http.PostAsync("api/classify", content));
    }

    // "200 stored:true", "503 storage_unavailable", "500 (no problem body)", "no answer".
    private static async Task<string> DescribeAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsByteArrayAsync();
            var observed = Observed.From((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
            if (observed.Status == 200 && observed.ContentType?.Contains("json", StringComparison.Ordinal) == true)
            {
                using var json = JsonDocument.Parse(body);
                var stored = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("stored", out var s) ? s.ToString().ToLowerInvariant() : "?";
                return $"200 stored:{stored}";
            }

            return $"{observed.Status} {observed.Code ?? "(no problem body)"}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return "no answer";
        }
    }
}
