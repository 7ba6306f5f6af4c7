using System.Net.Sockets;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// The Azurite that test.sh and CI start on 127.0.0.1:10000-10002. Its absence fails the tests (it is never a skip):
/// CI always provides it, so a missing one is a broken set-up, not a missing optional tool.
/// </summary>
public static class Azurite
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    private static readonly int[] Ports = [10000, 10001, 10002];

    /// <summary>Throws with what to run when blob, queue or table storage does not answer.</summary>
    public static async Task RequireAsync()
    {
        var closed = new List<int>();
        foreach (var port in Ports)
        {
            if (!await IsListeningAsync(port))
            {
                closed.Add(port);
            }
        }

        if (closed.Count > 0)
        {
            throw new InvalidOperationException(
                $"Azurite is not reachable on 127.0.0.1:{string.Join(", ", closed)}. Run 'tools/azurite.sh start' in the repository root before 'dotnet test' (test.sh and CI start it).");
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
