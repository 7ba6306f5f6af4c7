using System.Net;
using System.Net.Sockets;
using System.Text;
using ImageClassifier.Soak.Hostile;

namespace ImageClassifier.Soak.Tests;

/// <summary>The raw sender against a loopback listener that answers with canned bytes.</summary>
public sealed class RawHttpTests
{
    [Fact]
    public async Task The_request_goes_out_byte_for_byte_and_a_chunked_answer_comes_back_whole()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var request = Encoding.Latin1.GetBytes("GET /api/labels/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        var server = AnswerOnceAsync(listener, request.Length, "HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"co\r\nE\r\nde\":\"nothere\"}\r\n0\r\n\r\n");

        var response = await RawHttp.SendAsync(port, request, TimeSpan.FromSeconds(10));
        var received = await server;

        Assert.Equal(request, received);
        Assert.Equal(404, response!.Status);
        Assert.Equal("nothere", Observed.From(response.Status, response.ContentType, response.Body).Code);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_reported_as_no_answer_within_the_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var target = new HostileTarget(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(1));

        var observed = await target.RawAsync("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");

        Assert.Null(observed.Status);
        Assert.Contains("no response", observed.Error, StringComparison.Ordinal);
    }

    private static async Task<byte[]> AnswerOnceAsync(TcpListener listener, int requestLength, string answer)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var received = new byte[requestLength];
        await stream.ReadExactlyAsync(received);
        await stream.WriteAsync(Encoding.Latin1.GetBytes(answer));
        return received;
    }
}
