using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ImageClassifier.Cli.Serve.Queues;

/// <summary>
/// Keeps a received message invisible while its function runs, renewing the visibility timeout at half its length, as
/// the host does; each renewal returns a new pop receipt, which the final delete or release must use.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _length;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan length)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _length = length;
        PopReceipt = message.PopReceipt;
        _renewing = RenewAsync(_stop.Token);
    }

    public string PopReceipt { get; private set; }

    /// <summary>Stops renewing; <see cref="PopReceipt"/> is then final.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_length / 2, cancellationToken);
                var receipt = await _queue.UpdateMessageAsync(_messageId, PopReceipt, visibilityTimeout: _length, cancellationToken: cancellationToken);
                PopReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            // Storage unreachable (retries that all failed come as an AggregateException) or the message gone: the lease lapses and the message is delivered again, as in Azure.
        }
    }
}
