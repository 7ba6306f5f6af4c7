using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace ImageClassifier.Soak.Memory;

/// <summary>
/// Closed-loop load: <c>clients</c> concurrent connections each post the same body to <c>/api/classify</c> again as
/// soon as the previous answer arrives, until the duration is over; requests still in flight then are awaited.
/// </summary>
internal static class UploadLoad
{
    public static async Task<LoadOutcome> RunAsync(Uri baseAddress, int clients, byte[] body, string contentType, TimeSpan duration, Action<int> progress)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(3) };
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentDictionary<string, int>();
        var completed = 0;
        var busyWithoutRetryAfter = 0;
        var clock = Stopwatch.StartNew();
        using var reporter = new Timer(_ => progress(Volatile.Read(ref completed)), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        async Task ClientAsync()
        {
            while (clock.Elapsed < duration)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                try
                {
                    using var response = await http.PostAsync("api/classify", content);
                    await response.Content.ReadAsByteArrayAsync();
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    if ((int)response.StatusCode == 503 && response.Headers.RetryAfter is null)
                    {
                        Interlocked.Increment(ref busyWithoutRetryAfter);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // A connection reset or timeout is an answer too: the client got nothing.
                    failures.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                }

                Interlocked.Increment(ref completed);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientAsync)));
        return new LoadOutcome(completed, clock.Elapsed, new SortedDictionary<int, int>(statuses), new SortedDictionary<string, int>(failures), busyWithoutRetryAfter);
    }
}
