using System.Net;
using System.Net.Sockets;

namespace ImageClassifier.Soak.Hostile;

/// <summary>
/// Sends bytes exactly as given over a fresh TCP connection and reads one response, for requests that HttpClient will
/// not send (malformed framing, oversize lines and headers, unnormalised paths).
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse?> SendAsync(int port, byte[] request, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(timeout);
        await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        var stream = client.GetStream();
        var received = new MemoryStream();
        try
        {
            await stream.WriteAsync(request, deadline.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything (431, 414): read what it sent.
        }

        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    return RawResponse.TryParse(received.GetBuffer().AsSpan(0, (int)received.Length), ended: true);
                }

                received.Write(buffer, 0, read);
                if (RawResponse.TryParse(received.GetBuffer().AsSpan(0, (int)received.Length), ended: false) is { } response)
                {
                    return response;
                }
            }
        }
        catch (IOException)
        {
            return RawResponse.TryParse(received.GetBuffer().AsSpan(0, (int)received.Length), ended: true);
        }
    }
}
