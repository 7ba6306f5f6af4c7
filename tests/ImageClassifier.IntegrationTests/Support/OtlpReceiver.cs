using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// A local OTLP/HTTP endpoint on a free 127.0.0.1 port that keeps every body it is sent, by signal (<c>traces</c>,
/// <c>metrics</c>, <c>logs</c>). Protobuf keeps span and metric names as plain UTF-8, so a test can look for them.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LockedCollection<(string Signal, byte[] Body)> _received;

    private OtlpReceiver(WebApplication app, LockedCollection<(string Signal, byte[] Body)> received)
    {
        _app = app;
        _received = received;
    }

    /// <summary>The base address to give as OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public string Endpoint => _app.Urls.Single();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var received = new LockedCollection<(string Signal, byte[] Body)>();
        app.MapFallback((HttpRequest request) =>
        {
            received.Add(($"unexpected {request.Method} {request.Path} {request.Protocol} {request.ContentType}", []));
            return Microsoft.AspNetCore.Http.Results.NotFound();
        });
        app.MapPost("/v1/{signal}", async (HttpRequest request, string signal) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Add((signal, body.ToArray()));
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        await app.StartAsync();
        return new OtlpReceiver(app, received);
    }

    /// <summary>Waits until a body of <paramref name="signal"/> containing <paramref name="text"/> arrives; false if none within <paramref name="limit"/>.</summary>
    public async Task<bool> WaitForAsync(string signal, string text, TimeSpan limit)
    {
        var wanted = Encoding.UTF8.GetBytes(text);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_received.Snapshot().Any(r => r.Signal == signal && r.Body.AsSpan().IndexOf(wanted) >= 0))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>What arrived, for failure messages: each body's signal and size.</summary>
    public override string ToString() =>
        $"OTLP receiver at {Endpoint} got [{string.Join(", ", _received.Snapshot().Select(r => $"{r.Signal} {r.Body.Length} B"))}]";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
