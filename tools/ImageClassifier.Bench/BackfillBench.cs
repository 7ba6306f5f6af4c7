using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ImageClassifier.Bench;

/// <summary>
/// Local backfill throughput beside <c>classify</c> on the same 1,000 generated JPEGs in one run: <c>classify</c> as a
/// child process (images per second from its first result to its last), then <c>serve</c> as a child process with its
/// own table, queues and container in Azurite, timed from <c>POST /api/backfill</c> to the job's <c>done</c>, once per
/// work item size.
/// </summary>
internal sealed class BackfillBench(BenchSettings settings, string scratch, string cli)
{
    public const int Images = 1000;

    private const string Storage = "UseDevelopmentStorage=true";

    public async Task<BackfillFigures> MeasureAsync(IReadOnlyDictionary<string, string> coldInstance, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(scratch, "backfill-images");
        Directory.CreateDirectory(folder);
        var jpeg = BenchImages.Jpeg(640, 427);
        for (var i = 0; i < Images; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{i:D4}.jpg"), BenchImages.Variant(jpeg, i), cancellationToken);
        }

        var figures = new BackfillFigures { Images = Images, LoadAverageBefore = LoadAverage() };
        await using var azurite = await AzuriteScript.EnsureRunningAsync(cancellationToken);
        foreach (var itemSize in settings.BackfillItemSizes)
        {
            // classify before each backfill run, so a slow spell of the shared machine hits both alike.
            figures.ClassifyPerSecond.Add(await ClassifyAsync(folder, coldInstance, cancellationToken));
            Console.Error.WriteLine(F($"bench: classify {figures.ClassifyPerSecond[^1]:F1} images/s"));
            figures.Runs.Add(new BackfillRun(itemSize, await BackfillAsync(folder, itemSize, coldInstance, cancellationToken)));
            Console.Error.WriteLine(F($"bench: backfill, items of {itemSize}: {figures.Runs[^1].ImagesPerSecond:F1} images/s"));
        }

        figures.LoadAverageAfter = LoadAverage();
        return figures;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The 1-minute load average (Linux), as a number the report can show beside the figures.</summary>
    public static double? LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : null;

    private async Task<double> ClassifyAsync(string folder, IReadOnlyDictionary<string, string> coldInstance, CancellationToken cancellationToken)
    {
        await using var classify = ChildProcess.Start(cli, coldInstance, "classify", "--json", "--model", settings.Files.Directory, "--threads", settings.Threads.ToString(CultureInfo.InvariantCulture), "--device", settings.Device, folder);
        await classify.WaitForExitAsync(TimeSpan.FromMinutes(10), cancellationToken);
        var results = classify.Lines("{");
        if (results.Count != Images)
        {
            throw new InvalidOperationException($"classify printed {results.Count} results for {Images} images:\n{classify.Output()}");
        }

        var (first, last) = (results[0], results[^1]);
        return (Images - 1) / ((last.AtMs - first.AtMs) / 1000);
    }

    private async Task<double> BackfillAsync(string folder, int itemSize, IReadOnlyDictionary<string, string> coldInstance, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var container = new BlobContainerClient(Storage, $"bench-{id}");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(Directory.GetFiles(folder), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (file, ct) =>
            await container.GetBlobClient(Path.GetFileName(file)).UploadAsync(file, ct));

        // Names of its own, so neither another runner on this Azurite nor serve's Event Grid stand-in takes its work.
        var environment = new Dictionary<string, string>(coldInstance)
        {
            ["ImagesContainer"] = $"bench-{id}-uploads",
            ["ImageEventsQueue"] = $"bench-{id}-events",
            ["LabelsTable"] = $"bench{id}labels",
            ["BackfillTable"] = $"bench{id}jobs",
            ["BackfillPagesQueue"] = $"bench-{id}-pages",
            ["BackfillItemsQueue"] = $"bench-{id}-items",
            ["BackfillItemSize"] = itemSize.ToString(CultureInfo.InvariantCulture),
        };
        var url = $"http://127.0.0.1:{ServeBench.FreePort()}";
        try
        {
            await using var serve = ChildProcess.Start(cli, environment, "serve", "--model", settings.Files.Directory, "--urls", url, "--threads", settings.Threads.ToString(CultureInfo.InvariantCulture), "--device", settings.Device);
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
            await WaitForHealthAsync(client, cancellationToken);
            var clock = Stopwatch.StartNew();
            using var started = await client.PostAsJsonAsync("/api/backfill", new { container = container.Name, mode = "missing" }, cancellationToken);
            var status = started.Headers.Location ?? throw new InvalidOperationException($"backfill was not accepted: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync(cancellationToken)}");
            while (true)
            {
                using var job = JsonDocument.Parse(await client.GetStringAsync(status, cancellationToken));
                if (job.RootElement.GetProperty("state").GetString() == "done")
                {
                    var labelled = job.RootElement.GetProperty("done").GetInt32();
                    if (labelled != Images)
                    {
                        throw new InvalidOperationException($"the backfill labelled {labelled} of {Images} images: {job.RootElement}");
                    }

                    return Images / clock.Elapsed.TotalSeconds;
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        finally
        {
            await CleanUpAsync(container, environment);
        }
    }

    private static async Task WaitForHealthAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await client.GetAsync("/api/health", cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException("serve did not become healthy within 2 minutes.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task CleanUpAsync(BlobContainerClient container, Dictionary<string, string> names)
    {
        await container.DeleteIfExistsAsync();
        await new BlobContainerClient(Storage, names["ImagesContainer"]).DeleteIfExistsAsync();
        var tables = new TableServiceClient(Storage);
        await tables.DeleteTableAsync(names["LabelsTable"]);
        await tables.DeleteTableAsync(names["BackfillTable"]);
        var queues = new QueueServiceClient(Storage);
        foreach (var queue in new[] { "ImageEventsQueue", "BackfillPagesQueue", "BackfillItemsQueue" })
        {
            await queues.GetQueueClient(names[queue]).DeleteIfExistsAsync();
            await queues.GetQueueClient(names[queue] + "-poison").DeleteIfExistsAsync();
        }
    }
}
