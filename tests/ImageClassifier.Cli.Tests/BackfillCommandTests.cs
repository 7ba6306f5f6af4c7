using System.Net;
using System.Net.Sockets;

namespace ImageClassifier.Cli.Tests;

/// <summary>
/// <c>imgclass backfill</c> says in words when it cannot start (nothing listens at the URL, or the URL is not one) and
/// when its job ends <c>incomplete</c>.
/// </summary>
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

    [Fact]
    public async Task Backfill_whose_job_ends_incomplete_prints_the_jobs_error_and_exits_1()
    {
        // An app that accepts the job and then reports it ended incomplete, as a job whose listing page was poisoned does.
        const string Error = "Page 0: A listing page failed on every try. Start the backfill again with mode 'missing'.";
        using var app = new HttpListener();
        var port = FreePort();
        app.Prefixes.Add($"http://127.0.0.1:{port}/");
        app.Start();
        var answering = Task.Run(async () =>
        {
            while (app.IsListening)
            {
                var context = await app.GetContextAsync();
                var posted = context.Request.HttpMethod == "POST";
                context.Response.StatusCode = posted ? 202 : 200;
                context.Response.ContentType = "application/json";
                if (posted)
                {
                    context.Response.Headers["Location"] = "/api/backfill/0123456789abcdef0123456789abcdef";
                }

                var body = posted
                    ? """{"id":"0123456789abcdef0123456789abcdef"}"""
                    : $$"""{"id":"0123456789abcdef0123456789abcdef","container":"images","prefix":"","mode":"missing","state":"incomplete","listed":0,"done":0,"skipped":0,"failed":0,"remaining":0,"createdAt":"2026-11-30T07:00:00+00:00","error":"{{Error}}"}""";
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });

        var result = await CliProcess.RunAsync(CliProcess.Cli, null, "backfill", "--container", "images", "--url", $"http://127.0.0.1:{port}");
        app.Stop();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("incomplete: listed 0, labelled 0, skipped 0, failed 0, remaining 0", result.Output);
        Assert.Contains($"error: {Error}", result.Error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
