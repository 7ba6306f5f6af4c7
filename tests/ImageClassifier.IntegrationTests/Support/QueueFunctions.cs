using ImageClassifier.Cli.Serve.Queues;
using ImageClassifier.Functions.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// serve's queue listeners (the stand-in for the host's) running the function app's queue functions on a test's own
/// queues, over a started <see cref="FunctionApp"/>, until disposed.
/// </summary>
public sealed class QueueFunctions : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private QueueFunctions(CancellationTokenSource stop, Task running)
    {
        _stop = stop;
        _running = running;
    }

    /// <summary>The functions whose queue is one of <paramref name="queues"/>, with <paramref name="settings"/> in place of host.json's.</summary>
    internal static QueueFunctions Start(FunctionApp app, HostQueueSettings settings, params string[] queues)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var functions = QueueTriggeredFunction.Discover(typeof(ClassifyBlobFunction).Assembly, configuration).Where(f => queues.Contains(f.Queue)).ToList();
        Assert.Equal(queues.Length, functions.Count);
        var storage = app.Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>();
        var signal = new QueueSignal();
        var stop = new CancellationTokenSource();
        var running = Task.WhenAll(functions.Select(f => new QueueListener(f, storage, settings, signal, app.Services, NullLogger.Instance).RunAsync(stop.Token)));
        return new QueueFunctions(stop, running);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
