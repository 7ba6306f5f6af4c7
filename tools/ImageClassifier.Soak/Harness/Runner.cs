using System.Diagnostics;
using System.Net;

namespace ImageClassifier.Soak.Harness;

/// <summary>
/// The local runner (<c>serve</c>) as a child process: the CLI's built dll run by <c>dotnet</c>, so its process id is
/// the serving process whose memory is sampled, on a free loopback port, with storage from <c>AzureWebJobsStorage</c>.
/// </summary>
internal sealed class Runner(string cliDll, string modelDirectory, string storageConnection, string logPath) : IAsyncDisposable
{
    private ChildProcess? _process;

    public int Port { get; } = Ports.PickFree();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The runner is not running.");

    /// <summary>Starts the runner and waits until <c>/api/health</c> answers 200; returns how long that took.</summary>
    public async Task<TimeSpan> StartAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        _process = ChildProcess.Start(
            "dotnet",
            [cliDll, "serve", "--model", modelDirectory, "--urls", BaseAddress.ToString().TrimEnd('/')],
            new Dictionary<string, string> { ["AzureWebJobsStorage"] = storageConnection },
            logPath);
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The runner exited at start; see {logPath}.");
            }

            try
            {
                using var health = await http.GetAsync("api/health", cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new InvalidOperationException($"The runner did not answer /api/health with 200 within 120 s; see {logPath}.");
    }

    /// <summary>
    /// Waits until the runner has used less than a tenth of a core over half a second, at most <paramref name="limit"/>:
    /// its start-up work (the model's first runs and the compilation after them) is then done. Returns how long that
    /// took and whether it settled before the limit.
    /// </summary>
    public async Task<(TimeSpan Elapsed, bool Settled)> WaitUntilIdleAsync(TimeSpan limit)
    {
        using var process = Process.GetProcessById(ProcessId);
        var clock = Stopwatch.StartNew();
        var before = process.TotalProcessorTime;
        while (clock.Elapsed < limit)
        {
            await Task.Delay(500);
            process.Refresh();
            var used = process.TotalProcessorTime - before;
            before = process.TotalProcessorTime;
            if (used < TimeSpan.FromMilliseconds(50))
            {
                return (clock.Elapsed, true);
            }
        }

        return (clock.Elapsed, false);
    }

    /// <summary><c>kill -9</c>: no shutdown, no flush, whatever was in flight is cut off.</summary>
    public async Task KillHardAsync()
    {
        if (_process is not null)
        {
            await _process.KillHardAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

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
