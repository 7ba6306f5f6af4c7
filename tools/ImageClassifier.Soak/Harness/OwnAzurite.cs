using System.Diagnostics;

namespace ImageClassifier.Soak.Harness;

/// <summary>
/// An Azurite started for this run alone, on free ports with its own data folder, so the storage outage phase can stop
/// and restart it without touching any other Azurite on this machine (a shared one on 10000-10002 keeps running).
/// </summary>
internal sealed class OwnAzurite(string repositoryRoot, string dataDirectory, string logPath) : IAsyncDisposable
{
    // Azurite's documented well-known development account and key (Microsoft Learn, "Connect to Azurite with SDKs and
    // tools", https://learn.microsoft.com/azure/storage/common/storage-connect-azurite); not a secret.
    private const string Account = "devstoreaccount1";
    private const string WellKnownKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly int _blobPort = Ports.PickFree();
    private readonly int _queuePort = Ports.PickFree();
    private readonly int _tablePort = Ports.PickFree();
    private ChildProcess? _process;

    /// <summary>A full connection string for the ports of this Azurite (<c>UseDevelopmentStorage=true</c> means 10000-10002).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={WellKnownKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{_queuePort}/{Account};TableEndpoint=http://127.0.0.1:{_tablePort}/{Account};";

    public string PortNumbers => $"{_blobPort}/{_queuePort}/{_tablePort}";

    public async Task StartAsync()
    {
        var executable = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing: run 'npm ci --no-audit --no-fund' in {repositoryRoot}.");
        }

        Directory.CreateDirectory(dataDirectory);
        string[] arguments =
        [
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", dataDirectory,
            "--blobHost", "127.0.0.1", "--blobPort", $"{_blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{_queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{_tablePort}",
        ];
        _process = ChildProcess.Start(executable, arguments, new Dictionary<string, string>(), logPath);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start; see {logPath}.");
            }

            if (await Ports.IsListeningAsync(_blobPort) && await Ports.IsListeningAsync(_queuePort) && await Ports.IsListeningAsync(_tablePort))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Azurite did not answer on {PortNumbers} within 30 s; see {logPath}.");
    }

    /// <summary>Stops this Azurite as an operator would (SIGINT), keeping its data folder for the restart.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
