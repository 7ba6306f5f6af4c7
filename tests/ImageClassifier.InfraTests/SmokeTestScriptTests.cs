using System.Net;
using System.Net.Sockets;
using System.Text;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>Runs the deploy workflow's smoke test script against a stand-in app on 127.0.0.1.</summary>
public sealed class SmokeTestScriptTests
{
    private const string Key = "test-function-key";

    [SkippableFact]
    public async Task Smoke_test_waits_for_health_then_finds_the_label_in_the_classify_response()
    {
        using var app = new StandInApp(unhealthyPolls: 2, classifyBody: """{"predictions":[{"label":"espresso","probability":0.91}]}""");

        var result = await RunScriptAsync(app.BaseUrl, timeoutSeconds: 30);

        Assert.True(result.ExitCode == 0, result.Describe("smoke-test.sh"));
        Assert.Contains("classify: espresso", result.StandardOutput);
        Assert.Equal(3, app.HealthPolls);
        Assert.Equal(Key, app.KeySeen);
        Assert.Equal("image/jpeg", app.ContentTypeSeen);
    }

    [SkippableFact]
    public async Task Smoke_test_fails_when_classify_answers_without_a_label()
    {
        using var app = new StandInApp(unhealthyPolls: 0, classifyBody: """{"predictions":[]}""");

        var result = await RunScriptAsync(app.BaseUrl, timeoutSeconds: 30);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("without a label", result.StandardError);
    }

    [SkippableFact]
    public async Task Smoke_test_gives_up_when_health_never_answers_200()
    {
        using var app = new StandInApp(unhealthyPolls: int.MaxValue, classifyBody: "{}");

        var result = await RunScriptAsync(app.BaseUrl, timeoutSeconds: 2);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("never 200", result.StandardError);
        Assert.Equal(0, app.ClassifyCalls);
    }

    private static async Task<ProcessResult> RunScriptAsync(string baseUrl, int timeoutSeconds)
    {
        foreach (var tool in new[] { "bash", "curl", "python3" })
        {
            Skip.IfNot(OnPath(tool), $"needs {tool} on PATH, as the GitHub runner has");
        }

        return await ProcessRunner.RunAsync(
            "bash",
            [Repo.PathOf(".github", "scripts", "smoke-test.sh"), baseUrl, Key, Repo.PathOf("samples", "coffee.jpg"), timeoutSeconds.ToString()],
            TimeSpan.FromMinutes(1),
            environment: new Dictionary<string, string> { ["SMOKE_POLL_SECONDS"] = "1" });
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));

    /// <summary>Answers /api/health with 503 a given number of times, then 200; /api/classify with a fixed body.</summary>
    private sealed class StandInApp : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly int unhealthyPolls;
        private readonly string classifyBody;

        public StandInApp(int unhealthyPolls, string classifyBody)
        {
            this.unhealthyPolls = unhealthyPolls;
            this.classifyBody = classifyBody;
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add($"{BaseUrl}/");
            listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string BaseUrl { get; }

        public int HealthPolls { get; private set; }

        public int ClassifyCalls { get; private set; }

        public string? KeySeen { get; private set; }

        public string? ContentTypeSeen { get; private set; }

        public void Dispose() => listener.Close();

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var (status, body) = context.Request.Url!.AbsolutePath switch
                {
                    "/api/health" => ++HealthPolls > unhealthyPolls ? (200, """{"status":"ready"}""") : (503, """{"status":"loading"}"""),
                    "/api/classify" when context.Request.HttpMethod == "POST" => Classify(context.Request),
                    _ => (404, "{}"),
                };
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        private (int Status, string Body) Classify(HttpListenerRequest request)
        {
            ClassifyCalls++;
            KeySeen = request.Headers["x-functions-key"];
            ContentTypeSeen = request.ContentType;
            using var reader = new StreamReader(request.InputStream);
            var length = reader.ReadToEnd().Length;
            return KeySeen == Key && length > 0 ? (200, classifyBody) : (401, "{}");
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }
}
