using System.Collections.Concurrent;

namespace ImageClassifier.Cli.Serve.Queues;

/// <summary>
/// Wakes an idle queue listener when this process has just written to its queue, as the host's SharedQueueWatcher
/// does for queue output in the same host, so local messages do not wait for the next poll.
/// </summary>
internal sealed class QueueSignal
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queues = new(StringComparer.Ordinal);

    public void Notify(string queue)
    {
        try
        {
            Get(queue).Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits until <paramref name="queue"/> is notified or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        Get(queue).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Get(string queue) => _queues.GetOrAdd(queue, static _ => new SemaphoreSlim(0, 1));
}
