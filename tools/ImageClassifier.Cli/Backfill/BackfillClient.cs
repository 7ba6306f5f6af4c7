using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ImageClassifier.Backfill;

namespace ImageClassifier.Cli.Backfill;

/// <summary>
/// Talks to a running function app (or <c>serve</c>) about backfills: starts one, reads its status. Failures come back
/// as <see cref="BackfillClientException"/> with a sentence for the user: the service cannot be reached, or it refused
/// the request (the problem's code and detail).
/// </summary>
internal sealed class BackfillClient(HttpClient http, Uri baseUrl, string? key)
{
    /// <summary>Starts a job; the status URL the service gave in <c>Location</c>.</summary>
    public async Task<Uri> StartAsync(string container, string prefix, string mode, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, new Uri(baseUrl, "api/backfill"));
        request.Content = JsonContent.Create(new { container, prefix, mode });
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await RefusedAsync(response, cancellationToken);
        }

        var location = response.Headers.Location ?? throw new BackfillClientException($"{baseUrl} accepted the backfill but named no status URL (Location).");
        return location.IsAbsoluteUri ? location : new Uri(baseUrl, location);
    }

    /// <summary>The job's status now.</summary>
    public async Task<BackfillStatus> StatusAsync(Uri status, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, status);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await RefusedAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<BackfillStatus>(cancellationToken)
            ?? throw new BackfillClientException($"{status} answered an empty status.");
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        if (!string.IsNullOrEmpty(key))
        {
            // The Functions host reads a function key from this header as well as from ?code=.
            request.Headers.Add("x-functions-key", key);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException or IOException || ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new BackfillClientException($"cannot reach {baseUrl} ({ex.Message}). Start the local runner with 'imgclass serve', or pass the app's address with --url (and --key).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackfillClientException($"{baseUrl} did not answer within {http.Timeout.TotalSeconds:F0} s.");
        }
    }

    private static async Task<BackfillClientException> RefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            var detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (code is not null || detail is not null)
            {
                return new BackfillClientException($"{(int)response.StatusCode} {code}: {detail}");
            }
        }
        catch (JsonException)
        {
        }

        var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " (in Azure, pass a function key with --key)" : "";
        return new BackfillClientException($"{(int)response.StatusCode} {response.ReasonPhrase}{hint}");
    }
}
