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
            timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
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

        var root = FindRepositoryRoot() ?? throw new InvalidOperationException("No storage on 127.0.0.1:10000-10002 and no repository with node_modules found: run 'npm ci' in the repository, or start Azurite yourself.");
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"No storage on 127.0.0.1:10000-10002 and {executable} is missing: run 'npm ci' in {root}.");
        }

        DataDirectory = Path.Combine(root, ".azurite");
        Directory.CreateDirectory(DataDirectory);
        var start = new ProcessStartInfo(executable)
        {
            // --skipApiVersionCheck: Azurite 3.37 rejects the service version current Azure SDKs send.
            ArgumentList = { "--silent", "--skipApiVersionCheck", "--location", DataDirectory, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" },
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

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (Directory.Exists(Path.Combine(directory.FullName, "node_modules", ".bin")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
