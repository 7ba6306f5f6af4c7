using System.CommandLine;
using ImageClassifier.Cli.Serve;
using ImageClassifier.Cli.Settings;
using ImageClassifier.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Cli.Commands;

/// <summary><c>serve [--model DIR] [--urls URL]</c>: the function app on this machine, with local storage.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var urls = new Option<string>("--urls") { Description = "Address to listen on (loopback only unless --allow-remote).", DefaultValueFactory = _ => LocalRunner.DefaultUrl };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Listen on a non-loopback address although the local runner has no function keys and answers everyone." };
        var command = common.AddTo(new Command("serve", "Serve the function app locally: HTTP routes under /api, blob labelling, Azurite storage.") { urls, allowRemote });
        command.SetAction((result, cancellationToken) => RunAsync(common.Read(result), result.GetValue(urls)!, result.GetValue(allowRemote), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SettingOverrides settings, string urls, bool allowRemote, CancellationToken cancellationToken)
    {
        var remote = ListenAddresses.Remote(urls);
        if (remote.Count > 0 && !allowRemote)
        {
            await Console.Error.WriteLineAsync(
                $"error: --urls {string.Join(';', remote)} is reachable from other machines, and the local runner has no function keys: anyone who reaches it can classify and read stored labels. Listen on 127.0.0.1, or add --allow-remote to do it anyway.");
            return CommandLineRunner.UsageError;
        }

        // Validated before Azurite or the host start; the host validates the same settings again at start-up. The model
        // starts loading first thing, so it overlaps with building the host, creating the storage resources and starting
        // the server; the host then uses this same engine.
        using var engine = EngineFactory.Create(settings, oneShot: false, LogLevel.Information);
        _ = engine.WarmUpAsync(cancellationToken);
        var loading = SinceProcessStart();

        // Looking for Azurite (three connection attempts, their code compiled on first use) overlaps the host build.
        await using var azurite = new Azurite();
        var local = DevelopmentStorage.IsUsedBy(settings.Values);
        var storage = local ? azurite.EnsureRunningAsync(cancellationToken) : Task.CompletedTask;
        await using var app = LocalRunner.Build(urls, settings.Values, engine: engine);
        var built = SinceProcessStart();
        try
        {
            await storage;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return CommandLineRunner.UsageError;
        }

        // The storage resources and the server start side by side: both are mostly first-call work (Azure SDK and Kestrel
        // code being compiled), and the table the first request writes to is also created by the host's warm-up.
        await Task.WhenAll(LocalRunner.PrepareStorageAsync(app.Services, cancellationToken), app.StartAsync(cancellationToken));
        _ = FirstRequestWarmUp.SendAsync(app.Urls.First(), TimeSpan.FromMinutes(1), cancellationToken);
        PrintWelcome(app, azurite, local, remote.Count > 0);
        Console.WriteLine(FormattableString.Invariant(
            $"Started: settings checked and model load begun at {loading:F0} ms, host built at {built:F0} ms, listening at {SinceProcessStart():F0} ms after process start; model {(engine.IsReady ? "ready" : "still loading")}."));
        await app.WaitForShutdownAsync(cancellationToken);
        return CommandLineRunner.Success;
    }

    // Start-up phases for the user and for bench, which times a new serve process as a cold instance.
    private static double SinceProcessStart()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return (DateTime.Now - process.StartTime).TotalMilliseconds;
    }

    private static void PrintWelcome(WebApplication app, Azurite azurite, bool local, bool remote)
    {
        var url = app.Urls.First().TrimEnd('/');
        var container = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ImagesContainer;
        var storage = !local ? "the account AzureWebJobsStorage names"
            : azurite.Started ? $"Azurite started here, data in {azurite.DataDirectory}" : "the Azurite already listening on 127.0.0.1:10000-10002";
        Console.WriteLine($"""

            Image classifier serving on {url}   (storage: {storage})
            No function keys here: every route answers {(remote ? "ANYONE WHO CAN REACH THIS ADDRESS (--allow-remote)" : "every local user of this machine")}.
            In Azure, classify and labels need a function key.
              POST {url}/api/classify                   image bytes or multipart files; ?top=1..20&store=true|false
              GET  {url}/api/labels/{"{id}"}                 a stored HTTP result
              GET  {url}/api/labels/{container}/{"{blobName}"}     labels of an uploaded blob
              POST {url}/api/backfill                   {"{"}"container":"{container}","mode":"missing|stale|all"{"}"}: label a whole container
              GET  {url}/api/backfill/{"{jobId}"}           a backfill's progress
              GET  {url}/api/health                     200 once the model is warm
              Page {url}/api/page

            Try:  curl --data-binary @../shared/testdata/images/coffee.png -H 'Content-Type: image/png' '{url}/api/classify'
            Blobs uploaded to container '{container}'{(local ? " (UseDevelopmentStorage=true)" : "")} are labelled within a few seconds:
            a local stand-in for Event Grid queues their events and ClassifyBlob drains the queue, as in Azure.
            Ctrl+C stops{(azurite.Started ? " the server and this Azurite" : "")}.

            """);
    }
}
