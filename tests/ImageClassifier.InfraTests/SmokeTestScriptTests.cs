using System.Net;
using System.Net.Sockets;
using System.Text;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>Runs the deploy workflow's health and smoke test scripts against a stand-in app on 127.0.0.1.</summary>
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
    public async Task Gpu_smoke_path_fails_when_health_reports_the_cpu_provider_and_never_classifies()
    {
        // A CUDA provider that failed to load falls back to the CPU: healthy, labelling, and wrong for the GPU plan.
        using var app = new StandInApp(unhealthyPolls: 0, classifyBody: """{"labels":[{"label":"espresso"}]}""", healthyBody: CpuHealth);

        var result = await RunScriptAsync(app.BaseUrl, timeoutSeconds: 30, requiredProvider: "cuda");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("runs on 'cpu', not 'cuda'", result.StandardError);
        Assert.Equal(0, app.ClassifyCalls);
    }

    [SkippableFact]
    public async Task Gpu_smoke_path_passes_when_health_reports_cuda()
    {
        using var app = new StandInApp(unhealthyPolls: 1, classifyBody: """{"labels":[{"label":"espresso"}]}""", healthyBody: CpuHealth.Replace("\"cpu\"", "\"cuda\"", StringComparison.Ordinal));

        var result = await RunScriptAsync(app.BaseUrl, timeoutSeconds: 30, requiredProvider: "cuda");

        Assert.True(result.ExitCode == 0, result.Describe("smoke-test.sh"));
        Assert.Contains("execution provider: cuda", result.StandardOutput);
        Assert.Contains("classify: espresso", result.StandardOutput);
    }

    [SkippableFact]
    public async Task Health_wait_alone_fails_on_a_cpu_body_when_cuda_is_required()
    {
        // The deploy workflow runs this script before it lists keys.
        using var app = new StandInApp(unhealthyPolls: 0, classifyBody: "{}", healthyBody: CpuHealth);

        var result = await RunAsync("wait-for-health.sh", [app.BaseUrl, "30", "cuda"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("runs on 'cpu', not 'cuda'", result.StandardError);
        Assert.Equal(1, app.HealthPolls);
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

    // The body the app's health function returns once the model is warm (HealthFunction), on the CPU.
    private const string CpuHealth = """{"status":"ready","model":{"name":"resnet18"},"executionProvider":"cpu","warmUp":{"loadMs":410.0,"firstRunMs":21.0}}""";

    private static Task<ProcessResult> RunScriptAsync(string baseUrl, int timeoutSeconds, string requiredProvider = "") =>
        RunAsync("smoke-test.sh", [baseUrl, Key, Repo.PathOf("samples", "coffee.jpg"), timeoutSeconds.ToString(), requiredProvider]);

    private static async Task<ProcessResult> RunAsync(string script, IEnumerable<string> arguments)
    {
        foreach (var tool in new[] { "bash", "curl", "python3" })
        {
            Skip.IfNot(OnPath(tool), $"needs {tool} on PATH, as the GitHub runner has");
        }

        return await ProcessRunner.RunAsync(
            "bash",
            [Repo.PathOf(".github", "scripts", script), .. arguments],
            TimeSpan.FromMinutes(1),
            environment: new Dictionary<string, string> { ["SMOKE_POLL_SECONDS"] = "1" });
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));

    /// <summary>Answers /api/health with 503 a given number of times, then 200 with a health body; /api/classify with a fixed body.</summary>
    private sealed class StandInApp : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly int unhealthyPolls;
        private readonly string classifyBody;
        private readonly string healthyBody;

        public StandInApp(int unhealthyPolls, string classifyBody, string healthyBody = """{"status":"ready"}""")
        {
            this.unhealthyPolls = unhealthyPolls;
            this.classifyBody = classifyBody;
            this.healthyBody = healthyBody;
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
                    "/api/health" => ++HealthPolls > unhealthyPolls ? (200, healthyBody) : (503, """{"code":"warming_up"}"""),
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
