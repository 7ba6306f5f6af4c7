using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Backfill;

/// <summary>
/// Sends backfill messages as JSON, base64-encoded as host.json's <c>messageEncoding</c> expects, and reads them back.
/// </summary>
public sealed class BackfillQueues(QueueServiceClient queues, IOptions<BackfillOptions> options)
{
    /// <summary>How messages are written: web defaults (camelCase), modes as their lowercase names.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly QueueClient _pages = queues.GetQueueClient(options.Value.BackfillPagesQueue);
    private readonly QueueClient _items = queues.GetQueueClient(options.Value.BackfillItemsQueue);

    /// <summary>Creates both queues when they do not exist (in Azure the infrastructure creates them).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _pages.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _items.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enqueues a listing page.</summary>
    public Task SendAsync(BackfillPageMessage message, CancellationToken cancellationToken = default) => SendAsync(_pages, message, cancellationToken);

    /// <summary>Enqueues a work item.</summary>
    public Task SendAsync(BackfillItemMessage message, CancellationToken cancellationToken = default) => SendAsync(_items, message, cancellationToken);

    /// <summary>Reads a listing page message the host has decoded; null when it is not one.</summary>
    public static BackfillPageMessage? ReadPage(string message) =>
        Read<BackfillPageMessage>(message) is { Container.Length: > 0, Prefix: not null, Page: >= 0 } page && BackfillJobs.IsJobId(page.Job) ? page : null;

    /// <summary>Reads a work item message the host has decoded; null when it is not one.</summary>
    public static BackfillItemMessage? ReadItem(string message) =>
        Read<BackfillItemMessage>(message) is { Container.Length: > 0, Blobs: not null, Page: >= 0, Item: >= 0 } item && BackfillJobs.IsJobId(item.Job) ? item : null;

    private static T? Read<T>(string message)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(message, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The message text as it goes on the queue (JSON, then base64).</summary>
    public static string Encode<T>(T message) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(message, Json));

    private static async Task SendAsync<T>(QueueClient queue, T message, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(Encode(message), cancellationToken).ConfigureAwait(false);
}
