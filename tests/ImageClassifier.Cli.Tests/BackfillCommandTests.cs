using System.Net;
using System.Net.Sockets;

namespace ImageClassifier.Cli.Tests;

/// <summary><c>imgclass backfill</c> says in words when it cannot start: nothing listens at the URL, or the URL is not one.</summary>
public sealed class BackfillCommandTests
{
    [Fact]
    public async Task Backfill_against_an_address_where_nothing_listens_is_exit_code_2_saying_so()
    {
        // A port that was free a moment ago: nothing listens there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();

        var result = await CliProcess.RunAsync(CliProcess.Cli, null, "backfill", "--container", "images", "--url", url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"cannot reach {url}/", result.Error);
        Assert.Contains("imgclass serve", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("--url", "ftp://example.org", "--url takes an http:// or https:// address")]
    [InlineData("--mode", "everything", "'everything'")]
    public async Task Backfill_option_that_is_not_valid_is_exit_code_2_naming_it(string option, string value, string expected)
    {
        var result = await CliProcess.RunAsync(CliProcess.Cli, null, "backfill", "--container", "images", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }
}
