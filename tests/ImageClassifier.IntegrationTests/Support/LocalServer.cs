using ImageClassifier.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// The local runner (the function classes on ASP.NET Core under <c>/api</c>) on a free 127.0.0.1 port, started with a
/// test's settings and storage, and ready once <c>/api/health</c> answers 200.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LocalServer> StartAsync(IReadOnlyDictionary<string, string?> settings, bool watchBlobs = false)
    {
        // Port 0: the OS picks a free port and Kestrel reports it, so parallel runs never collide.
        var app = LocalRunner.Build("http://127.0.0.1:0", settings, watchBlobs, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await LocalRunner.PrepareStorageAsync(app.Services);
        await app.StartAsync();
        var server = new LocalServer(app, new Uri(app.Urls.Single()));
        await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>Polls the labels of a blob until they are stored or <paramref name="limit"/> passes; returns the last answer.</summary>
    public async Task<FunctionResponse> WaitForBlobLabelsAsync(string container, string blobName, TimeSpan limit)
    {
        var path = $"api/labels/{container}/{string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString))}";
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            using var answer = await Client.GetAsync(path);
            var response = await FunctionResponse.ReadAsync(answer);
            if (response.Status == 200 || DateTime.UtcNow >= deadline)
            {
                return response;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task WaitUntilHealthyAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string last;
        do
        {
            using var response = await Client.GetAsync("api/health");
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"The local runner at {BaseAddress} did not become healthy within {limit.TotalSeconds:F0} s; last answer: {last}");
    }
}
