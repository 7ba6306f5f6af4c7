using Azure.Storage.Queues;
using ImageClassifier.Functions.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Cli.Serve.Queues;

/// <summary>
/// The local stand-in for the Functions host's queue listeners: every <c>[QueueTrigger]</c> function of the function
/// app runs against its queue in Azurite, with the settings of the app's <c>host.json</c>, on the registered
/// <see cref="QueueServiceClient"/>.
/// </summary>
internal sealed class LocalQueueTriggers(
    IConfiguration configuration,
    QueueServiceClient queues,
    QueueSignal signal,
    ClassifierEngine engine,
    IServiceProvider services,
    ILogger<LocalQueueTriggers> logger) : BackgroundService
{
    /// <summary>The queue functions this runner drives.</summary>
    public IReadOnlyList<QueueTriggeredFunction> Functions { get; } =
        QueueTriggeredFunction.Discover(typeof(ClassifyBlobFunction).Assembly, configuration);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ModelFirst.WaitAsync(engine, stoppingToken);
        var settings = HostQueueSettings.Load();
        await Task.WhenAll(Functions.Select(f => new QueueListener(f, queues, settings, signal, services, logger).RunAsync(stoppingToken)));
    }
}
