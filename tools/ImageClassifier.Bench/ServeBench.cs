using System.Net;
using System.Net.Sockets;
using ImageClassifier.Models;

namespace ImageClassifier.Bench;

/// <summary>
/// The real <c>imgclass serve</c> in a new process, as a new instance starts: its start-up phases, then end-to-end HTTP
/// latency and throughput with one and with several clients, and its peak memory. <paramref name="cli"/> is the tool as
/// <see cref="Publisher.PublishCliAsync"/> publishes it: compiled as the function app's package is.
/// </summary>
internal sealed partial class ServeBench(BenchSettings settings, IReadOnlyDictionary<string, string> coldInstance, string cli)
{
    // The engine's "Model ... ready" log line (event 1001).
    private const string ModelReadyLine = "info: ImageClassifier.ClassifierEngine[1001]";

    /// <param name="reference">A model that loads much faster, started in the same rounds (<see cref="BenchSettings.Reference"/>), or null.</param>
    public async Task MeasureAsync(BenchReport report, ModelFiles served, ModelFiles? reference, byte[] small, byte[] large, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteScript.EnsureRunningAsync(cancellationToken);
        // Start-up alone, several times, each beside a bare session load in a new process: a slow spell of a shared
        // machine then hits both sides of the ratio alike. The serve kept for the HTTP runs below is one more start.
        var starts = new List<double>();
        var bare = new List<double>();
        var referenceStarts = new List<double>();
        var referenceBare = new List<double>();
        for (var round = 0; round < settings.ServeStarts; round++)
        {
            bare.Add(await BenchRunner.ColdBareLoadOnceAsync(served.ModelPath, cancellationToken));
            starts.Add(await TimeStartAsync(served, small, cancellationToken));
            if (reference is not null)
            {
                referenceBare.Add(await BenchRunner.ColdBareLoadOnceAsync(reference.ModelPath, cancellationToken));
                referenceStarts.Add(await TimeStartAsync(reference, small, cancellationToken));
            }
        }

        if (reference is not null)
        {
            report.Load.ReferenceModel = reference.Identity.ToString();
            report.Load.ReferenceServeStarts = Stats.Of(referenceStarts);
            report.Load.ReferenceBare = Stats.Of(referenceBare);
        }

        bare.Add(await BenchRunner.ColdBareLoadOnceAsync(served.ModelPath, cancellationToken));
        var url = $"http://127.0.0.1:{FreePort()}";
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = BenchRunner.Concurrency };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        var http = new HttpBench(client, new Uri($"{url}/api/classify"));

        await using var serve = await StartAsync(served, url, http, small, cancellationToken);
        report.Load.ServeToFirstHttpResult = serve.ElapsedMs;
        starts.Add(serve.ElapsedMs);
        report.Load.ServeStarts = Stats.Of(starts);
        report.Load.ServeStartsBare = Stats.Of(bare);
        // Phases on bench's clock: the engine's ready log line, and the banner, which also gives the host-built time.
        report.Load.ServeModelReady = (await serve.WaitForLineAsync(ModelReadyLine, TimeSpan.FromMinutes(1), cancellationToken)).AtMs;
        var banner = await serve.WaitForLineAsync("Image classifier serving on", TimeSpan.FromMinutes(1), cancellationToken);
        report.Load.ServeListening = banner.AtMs;
        var built = await serve.WaitForLineAsync("Started:", TimeSpan.FromMinutes(1), cancellationToken);
        report.Load.ServeHostBuilt = double.Parse(HostBuilt().Match(built.Line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // Unmeasured: past .NET's tiering threshold (30 calls), so the figures are the steady state of a warm instance.
        await http.RunAsync("warm-up", small, 1, 40, cancellationToken);
        report.EndToEnd.Add(await http.RunAsync("JPEG 640x427", small, 1, settings.HttpSingle, cancellationToken));
        report.EndToEnd.Add(await http.RunAsync("JPEG 640x427", small, BenchRunner.Concurrency, settings.HttpPerClient, cancellationToken));
        await http.RunAsync("warm-up", large, 1, 3, cancellationToken);
        report.EndToEnd.Add(await http.RunAsync("JPEG 4000x3000", large, 1, settings.HttpSingleLarge, cancellationToken));
        report.EndToEnd.Add(await http.RunAsync("JPEG 4000x3000", large, BenchRunner.Concurrency, settings.HttpPerClientLarge, cancellationToken));
        report.ServePeakRssMb = serve.PeakResidentMb();
    }

    // A new serve process, returned once it has answered its first classification.
    private async Task<ChildProcess> StartAsync(ModelFiles served, string url, HttpBench http, byte[] image, CancellationToken cancellationToken)
    {
        var serve = ChildProcess.Start(cli, coldInstance, "serve", "--model", served.Directory, "--urls", url, "--threads", settings.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", settings.Device);
        if (!await http.FirstSuccessAsync(image, TimeSpan.FromMinutes(2), cancellationToken))
        {
            var output = serve.Output();
            await serve.DisposeAsync();
            throw new InvalidOperationException($"serve did not answer within 2 minutes:\n{output}");
        }

        return serve;
    }

    private async Task<double> TimeStartAsync(ModelFiles served, byte[] image, CancellationToken cancellationToken)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await using var serve = await StartAsync(served, url, new HttpBench(client, new Uri($"{url}/api/classify")), image, cancellationToken);
        return serve.ElapsedMs;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"host built at ([0-9.]+) ms")]
    private static partial System.Text.RegularExpressions.Regex HostBuilt();

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
