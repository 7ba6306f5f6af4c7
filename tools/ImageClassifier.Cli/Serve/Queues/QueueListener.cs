using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Cli.Serve.Queues;

/// <summary>
/// Runs one queue-triggered function against its queue with the Functions host's semantics (azure-webjobs-sdk
/// QueueListener and QueueProcessor): batches of <c>batchSize</c>, a new batch once no more than
/// <c>newBatchThreshold</c> run; a message stays invisible while it runs and is deleted on success; on failure it is
/// released for <c>visibilityTimeout</c>, or moved to <c>{queue}-poison</c> once dequeued <c>maxDequeueCount</c>
/// times; an undecodable message goes to the poison queue at once. Empty polls back off from 100 ms to
/// <c>maxPollingInterval</c>.
/// </summary>
internal sealed class QueueListener(QueueTriggeredFunction function, QueueServiceClient queues, HostQueueSettings settings, QueueSignal signal, IServiceProvider services, ILogger logger)
{
    /// <summary>How long a received message stays invisible before its lease is renewed or lapses (a crash).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(100);
    private readonly QueueClient _queue = queues.GetQueueClient(function.Queue);
    private readonly QueueClient _poison = queues.GetQueueClient(function.Queue + "-poison");
    private readonly SemaphoreSlim _finished = new(0);
    private bool _created;
    private int _running;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            await PollAsync(running, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Let the functions in flight see the cancellation and finish before the host goes.
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task PollAsync(List<Task> running, CancellationToken stoppingToken)
    {
        var delay = MinPoll;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (Volatile.Read(ref _running) > settings.NewBatchThreshold)
            {
                await _finished.WaitAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            var batch = await ReceiveAsync(stoppingToken).ConfigureAwait(false);
            if (batch.Length == 0)
            {
                await signal.WaitAsync(function.Queue, delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            delay = MinPoll;
            foreach (var message in batch)
            {
                Interlocked.Increment(ref _running);
                running.Add(ProcessAsync(message, stoppingToken));
            }
        }
    }

    private async Task<QueueMessage[]> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!_created)
            {
                await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                _created = true;
            }

            return (await _queue.ReceiveMessagesAsync(settings.BatchSize, Lease, cancellationToken).ConfigureAwait(false)).Value;
        }
        // Azure.Core reports retries that all failed to connect as an AggregateException of them ("Retry failed after 3
        // tries", Azure/azure-sdk-for-net sdk/core/Azure.Core/src/Pipeline/RetryPolicy.cs): letting it escape stopped the
        // whole host during the soak's storage outage, and no blob was labelled after storage came back.
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            // Storage down: keep polling at the slowest rate until it is back.
            ServeLog.QueueUnavailable(logger, function.Queue, ex);
            await Task.Delay(settings.MaxPollingInterval, cancellationToken).ConfigureAwait(false);
            return [];
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await HandleAsync(message, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease lapses and the message is delivered again next time.
        }
        catch (Exception ex)
        {
            // Deleting or releasing failed: the lease lapses and the message comes back; labelling is idempotent.
            ServeLog.MessageNotCompleted(logger, function.Name, message.MessageId, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _finished.Release();
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, message.PopReceipt, stoppingToken).ConfigureAwait(false);
            return;
        }

        if (Decode(message.MessageText) is not { } text)
        {
            ServeLog.MessageUndecodable(logger, function.Queue, message.MessageId);
            await MoveToPoisonAsync(message, message.PopReceipt, stoppingToken).ConfigureAwait(false);
            return;
        }

        Exception? failure = null;
        var lease = new MessageLease(_queue, message, Lease);
        await using (lease.ConfigureAwait(false))
        {
            try
            {
                await function.InvokeAsync(services, text, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failure = ex;
            }
        }

        if (failure is null)
        {
            await _queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, stoppingToken).ConfigureAwait(false);
        }
        else if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            ServeLog.FunctionFailed(logger, function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, failure);
            await MoveToPoisonAsync(message, lease.PopReceipt, stoppingToken).ConfigureAwait(false);
        }
        else
        {
            ServeLog.FunctionFailed(logger, function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, failure);
            await _queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken).ConfigureAwait(false);
        }
    }

    // The message text is copied as it is (still encoded), so the poison queue's own trigger decodes it the same way.
    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _poison.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken).ConfigureAwait(false);
        ServeLog.MovedToPoison(logger, message.MessageId, function.Queue, _poison.Name, message.DequeueCount);
        signal.Notify(_poison.Name);
    }

    private string? Decode(string text)
    {
        if (!settings.Base64)
        {
            return text;
        }

        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }
}
