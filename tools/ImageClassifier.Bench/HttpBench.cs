using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ImageClassifier.Bench;

/// <summary>
/// End-to-end requests over real HTTP with keep-alive, as a user sends them: POST /api/classify with the default query
/// (so results are stored). Every request carries different bytes, so no cache can answer it.
/// </summary>
internal sealed class HttpBench(HttpClient client, Uri classifyUrl)
{
    private int _variant;

    /// <summary>Posts until one answer is 200 (the server may still be starting); returns false after <paramref name="timeout"/>.</summary>
    public async Task<bool> FirstSuccessAsync(byte[] jpeg, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var response = await PostAsync(jpeg, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(5, cancellationToken);
        }

        return false;
    }

    public async Task<HttpFigure> RunAsync(string name, byte[] jpeg, int clients, int requestsPerClient, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var stages = new ConcurrentBag<(double Decode, double Preprocess, double Inference, double Total)>();
        var errors = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await PostAsync(jpeg, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }

                using var json = JsonDocument.Parse(body);
                var t = json.RootElement.GetProperty("timings");
                stages.Add((t.GetProperty("decodeMs").GetDouble(), t.GetProperty("preprocessMs").GetDouble(), t.GetProperty("inferenceMs").GetDouble(), t.GetProperty("totalMs").GetDouble()));
            }
        }));
        var seconds = wall.Elapsed.TotalSeconds;
        var count = clients * requestsPerClient;
        double Median(Func<(double Decode, double Preprocess, double Inference, double Total), double> pick) =>
            stages.IsEmpty ? double.NaN : Stats.Of(stages.Select(pick).ToArray()).Median;
        return new HttpFigure(name, clients, count, errors, Stats.Of(latencies.ToArray()), count / seconds,
            Median(s => s.Decode), Median(s => s.Preprocess), Median(s => s.Inference), Median(s => s.Total));
    }

    private Task<HttpResponseMessage> PostAsync(byte[] jpeg, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(BenchImages.Variant(jpeg, Interlocked.Increment(ref _variant)));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return client.PostAsync(classifyUrl, content, cancellationToken);
    }
}
