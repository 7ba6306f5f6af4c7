using System.Diagnostics;
using System.Net.Sockets;
using ImageClassifier.Cli;

namespace ImageClassifier.Bench;

/// <summary>
/// Makes sure Azurite listens before serve is timed, so its start-up is not counted in serve's: starts it with
/// <c>tools/azurite.sh</c> when nothing listens on 127.0.0.1:10000, and stops only what it started.
/// </summary>
internal sealed class AzuriteScript : IAsyncDisposable
{
    private readonly string? _script;

    private AzuriteScript(string? script) => _script = script;

    public static async Task<AzuriteScript> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (await IsListeningAsync(cancellationToken))
        {
            return new AzuriteScript(null);
        }

        var root = RepositoryFolder.Find(folder => File.Exists(Path.Combine(folder, "tools", "azurite.sh")))
            ?? throw new InvalidOperationException("Nothing listens on 127.0.0.1:10000 and tools/azurite.sh was not found: start Azurite first.");
        var script = Path.Combine(root, "tools", "azurite.sh");
        await RunAsync(script, "start", cancellationToken);
        return new AzuriteScript(script);
    }

    public async ValueTask DisposeAsync()
    {
        if (_script is not null)
        {
            await RunAsync(_script, "stop", CancellationToken.None);
        }
    }

    private static async Task<bool> IsListeningAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", 10000, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string script, string verb, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(script, [verb]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{script} did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {verb} failed: {(await error).Trim()}");
        }
    }
}
