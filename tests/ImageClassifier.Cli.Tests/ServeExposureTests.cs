using System.Net;
using System.Net.Sockets;
using ImageClassifier.Bench;

namespace ImageClassifier.Cli.Tests;

/// <summary>The local runner has no function keys: serve says so and listens beyond loopback only when asked to.</summary>
public class ServeExposureTests
{
    [Theory]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://[::]:{0}")]
    [InlineData("http://example.com:{0}")]
    [InlineData("http://127.0.0.1:{0};http://10.1.2.3:{0}")]
    public async Task Non_loopback_address_is_refused_without_allow_remote(string urls)
    {
        var result = await CliProcess.RunAsync(CliProcess.Cli, null, "serve", "--urls", string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, FreePort()));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no function keys", result.Error);
        Assert.Contains("--allow-remote", result.Error);
        Assert.DoesNotContain("serving on", result.Output);
    }

    [Fact]
    public async Task Allow_remote_lets_a_wildcard_address_past_the_check()
    {
        // The model folder is missing, so serve stops at the next check without listening anywhere.
        var missing = Path.Combine(Path.GetTempPath(), "absent-model-" + Guid.NewGuid().ToString("N"));

        var result = await CliProcess.RunAsync(CliProcess.Cli, null, "serve", "--allow-remote", "--urls", $"http://0.0.0.0:{FreePort()}", "--model", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("--allow-remote", result.Error);
        Assert.Contains($"--model {missing}", result.Error);
    }

    [SkippableFact]
    public async Task Banner_says_the_local_runner_has_no_function_keys()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        await using var serve = ChildProcess.Start(ChildProcess.Cli, new Dictionary<string, string>(), "serve", "--model", SharedData.ModelDirectory, "--urls", url);

        await serve.WaitForLineAsync($"Image classifier serving on {url}", TimeSpan.FromMinutes(2), CancellationToken.None);

        Assert.Contains("No function keys here: every route answers every local user of this machine.", serve.Output());
        Assert.Contains("In Azure, classify and labels need a function key.", serve.Output());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
