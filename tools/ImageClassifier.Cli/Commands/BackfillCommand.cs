using System.CommandLine;
using ImageClassifier.Backfill;
using ImageClassifier.Cli.Backfill;
using ImageClassifier.Cli.Serve;

namespace ImageClassifier.Cli.Commands;

/// <summary>
/// <c>backfill --container NAME [--prefix P] [--mode missing|stale|all] [--url URL] [--key KEY]</c>: starts a backfill
/// on a running app (the local runner by default) and follows it until it ends. Exit 0 when every blob was
/// labelled or skipped, 1 when some failed or the job ended incomplete (its error is printed), 2 when the job could not
/// be started or followed.
/// </summary>
internal static class BackfillCommand
{
    public static Command Create()
    {
        var container = new Option<string>("--container", "-c") { Description = "The blob container to label.", Required = true };
        var prefix = new Option<string>("--prefix") { Description = "Only blobs whose name starts with this.", DefaultValueFactory = _ => "" };
        var mode = new Option<string>("--mode")
        {
            Description = "missing: blobs with no record; stale: also those labelled by another model or an older version of the blob; all: every blob.",
            DefaultValueFactory = _ => BackfillJobs.ModeName(BackfillMode.Missing),
        };
        mode.AcceptOnlyFromAmong([.. Enum.GetValues<BackfillMode>().Select(BackfillJobs.ModeName)]);
        var url = new Option<Uri>("--url")
        {
            Description = $"The function app (default: the local runner, {LocalRunner.DefaultUrl}).",
            DefaultValueFactory = _ => new Uri(LocalRunner.DefaultUrl),
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Uri.TryCreate(token, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
                {
                    return parsed;
                }

                result.AddError($"--url takes an http:// or https:// address, not '{token}'.");
                return null;
            },
        };
        var key = new Option<string?>("--key") { Description = "A function key, for an app in Azure (sent as x-functions-key)." };
        var command = new Command("backfill", "Label a whole container (or relabel it after a model change) and show the progress.") { container, prefix, mode, url, key };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(url)!, result.GetValue(key), result.GetValue(container)!, result.GetValue(prefix)!, result.GetValue(mode)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Uri url, string? key, string container, string prefix, string mode, CancellationToken cancellationToken)
    {
        var baseUrl = new Uri(url.AbsoluteUri.TrimEnd('/') + "/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new BackfillClient(http, baseUrl, key);
        try
        {
            var status = await client.StartAsync(container, prefix, mode, cancellationToken);
            Console.Error.WriteLine($"backfill started: {status}");
            var final = await BackfillProgress.FollowAsync(ct => client.StatusAsync(status, ct), cancellationToken);
            Console.WriteLine(BackfillProgress.Line(final));
            if (final.Error is { } error)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
            }

            return final.Failed == 0 && final.State == BackfillStatus.Finished ? CommandLineRunner.Success : CommandLineRunner.SomeFailed;
        }
        catch (BackfillClientException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return CommandLineRunner.UsageError;
        }
    }
}
