using System.Net;
using System.Net.Http.Headers;

namespace ImageClassifier.Cli.Serve;

/// <summary>
/// The runner's own first requests, sent as soon as it listens: a health check and the engine's warm-up image
/// classified with <c>top=1&amp;store=false</c>, which the engine's warm-up has already labelled, so it costs no
/// inference and stores nothing. Kestrel, routing, the upload reader and the JSON answer are then compiled while the
/// model is still loading, not on a user's first request (docs/performance.md, "Cold start").
/// </summary>
internal static class FirstRequestWarmUp
{
    /// <summary>
    /// Sends both requests to <paramref name="listening"/> (one of the addresses the server listens on); never throws.
    /// Returns the classify answer's status, or null when the requests could not be made.
    /// </summary>
    public static async Task<HttpStatusCode?> SendAsync(string listening, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new HttpClient { BaseAddress = Reachable(listening), Timeout = timeout };
            using var health = await client.GetAsync("api/health", cancellationToken).ConfigureAwait(false);
            using var image = new ReadOnlyMemoryContent(ClassifierEngine.WarmUpSample);
            image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            using var classified = await client.PostAsync("api/classify?top=1&store=false", image, cancellationToken).ConfigureAwait(false);
            return classified.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or UriFormatException or ObjectDisposedException)
        {
            // Only a head start: a user's first request does the same work when this could not.
            return null;
        }
    }

    /// <summary>The address to call for <paramref name="listening"/>: a wildcard (0.0.0.0, [::], *, +) becomes loopback.</summary>
    internal static Uri Reachable(string listening)
    {
        var uri = new Uri(listening.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        var builder = new UriBuilder(uri) { Path = "/" };
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            builder.Host = address.Equals(IPAddress.Any) ? IPAddress.Loopback.ToString() : $"[{IPAddress.IPv6Loopback}]";
        }

        return builder.Uri;
    }
}
