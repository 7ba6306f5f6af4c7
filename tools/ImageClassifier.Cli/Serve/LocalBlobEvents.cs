using Azure.Storage.Blobs;
using ImageClassifier.Functions.Triggers;
using ImageClassifier.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Cli.Serve;

/// <summary>
/// Local stand-in for Event Grid, for <c>serve</c> only: lists the images container every few hundred milliseconds and
/// hands each new or changed blob to the same <see cref="ClassifyBlobFunction"/> that Event Grid triggers in Azure.
/// Whatever client uploads the blob (SDK, Azure CLI, Storage Explorer), it is labelled within a poll or two.
/// </summary>
internal sealed class LocalBlobEvents(
    BlobServiceClient blobs,
    IServiceProvider services,
    IOptions<StorageOptions> options,
    ILogger<LocalBlobEvents> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    // ETag per blob name already handed over successfully in this process; the function's own ETag check covers restarts.
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var container = blobs.GetBlobContainerClient(options.Value.ImagesContainer);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await PollAsync(container, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServeLog.PollFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PollAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var etag = item.Properties.ETag?.ToString() ?? "";
            if (_seen.TryGetValue(item.Name, out var known) && known == etag)
            {
                continue;
            }

            try
            {
                var function = ActivatorUtilities.CreateInstance<ClassifyBlobFunction>(services);
                await function.Run(container.GetBlobClient(item.Name), item.Name, cancellationToken);
                _seen[item.Name] = etag;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // As in Azure: a transient failure is tried again (here on the next poll).
                ServeLog.BlobFailed(logger, item.Name, ex.Message);
            }
        }
    }
}
