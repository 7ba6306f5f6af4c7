using System.Diagnostics;
using System.Net.Sockets;

namespace ImageClassifier.Cli.Serve;

/// <summary>
/// Local storage for <c>serve</c>: uses whatever already listens on 127.0.0.1:10000-10002, or starts Azurite from the
/// repository's node_modules with its data in the git-ignored <c>.azurite/</c> folder, and stops what it started.
/// </summary>
internal sealed class Azurite : IAsyncDisposable
{
    private static readonly int[] Ports = [10000, 10001, 10002];
    private Process? _process;

    /// <summary>True when this instance started the Azurite process.</summary>
    public bool Started => _process is not null;

    /// <summary>Where Azurite keeps its data when started here.</summary>
    public string? DataDirectory { get; private set; }

    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // A closed port refuses at once; the bound is for a filtered one. It also covers this process's own first
            // use of the socket code, which on a busy machine took more than half a second and split a running Azurite.
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Makes sure blob, queue and table endpoints answer; starts Azurite when none does.</summary>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        var listening = await Task.WhenAll(Ports.Select(p => IsListeningAsync(p, cancellationToken)));
        if (listening.All(l => l))
        {
            return;
        }

        if (listening.Any(l => l))
        {
            throw new InvalidOperationException("Only some of the ports 10000-10002 answer: stop whatever holds them, or start a complete Azurite.");
        }

        var root = FindRepositoryRoot() ?? throw new InvalidOperationException("No storage on 127.0.0.1:10000-10002 and no package.json with Azurite found above this folder: start Azurite yourself, or run serve from the repository.");
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            await InstallNodeToolsAsync(root, cancellationToken);
        }

        DataDirectory = Path.Combine(root, ".azurite");
        Directory.CreateDirectory(DataDirectory);
        var start = new ProcessStartInfo(executable)
        {
            // --skipApiVersionCheck: Azurite 3.37 rejects the service version current Azure SDKs send.
            // --disableTelemetry: otherwise Azurite writes telemetry files under /tmp and tries to upload them.
            ArgumentList = { "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", DataDirectory, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} at start.");
            }

            if ((await Task.WhenAll(Ports.Select(p => IsListeningAsync(p, cancellationToken)))).All(l => l))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException("Azurite did not answer on 127.0.0.1:10000-10002 within 20 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    // A fresh clone has no node_modules yet: install the locked Node tools once, as test.sh does.
    private static async Task InstallNodeToolsAsync(string root, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"Installing the repository's Node tools (npm ci in {root}) to run Azurite...");
        var install = new ProcessStartInfo("npm") { ArgumentList = { "ci", "--no-audit", "--no-fund" }, WorkingDirectory = root, UseShellExecute = false };
        using var process = Process.Start(install) ?? throw new InvalidOperationException("npm did not start: install Node.js 20 or start Azurite yourself.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(root, "node_modules", ".bin", "azurite")))
        {
            throw new InvalidOperationException($"'npm ci' in {root} failed (exit {process.ExitCode}); run it yourself and try again.");
        }
    }

    // The folder whose package.json brings Azurite: this repository.
    private static string? FindRepositoryRoot() => RepositoryFolder.Find(folder =>
    {
        var manifest = Path.Combine(folder, "package.json");
        return File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"azurite\"", StringComparison.Ordinal);
    });
}
