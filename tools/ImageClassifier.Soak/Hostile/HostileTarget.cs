using System.Text;

namespace ImageClassifier.Soak.Hostile;

/// <summary>The runner under test, reached through HttpClient or a raw socket; every request is bounded in time.</summary>
internal sealed class HostileTarget(Uri baseAddress, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = timeout };

    public async Task<Observed> HttpAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            return Observed.From((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return Observed.NoAnswer($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            content?.Dispose();
        }
    }

    public Task<Observed> RawAsync(string head, byte[]? body = null)
    {
        var bytes = Encoding.Latin1.GetBytes(head.Replace("{host}", $"127.0.0.1:{baseAddress.Port}", StringComparison.Ordinal));
        return RawAsync(body is null ? bytes : [.. bytes, .. body]);
    }

    public async Task<Observed> RawAsync(byte[] request)
    {
        try
        {
            var response = await RawHttp.SendAsync(baseAddress.Port, request, _http.Timeout);
            return response is null ? Observed.NoAnswer("connection closed without a response") : Observed.From(response.Status, response.ContentType, response.Body);
        }
        catch (OperationCanceledException)
        {
            return Observed.NoAnswer($"no response within {_http.Timeout.TotalSeconds:F0} s");
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or FormatException)
        {
            return Observed.NoAnswer($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public void Dispose() => _http.Dispose();
}
