using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace ImageClassifier.Cli.Serve.Queues;

/// <summary>
/// The queue trigger settings of the function app's own <c>host.json</c> (<c>extensions.queues</c>), embedded in this
/// program at build time, with the Functions host's defaults for what it leaves out (QueuesOptions of
/// Microsoft.Azure.WebJobs.Extensions.Storage.Queues 5.x: batch 16, new batch at batchSize/2 per core, 5 tries,
/// no retry delay, polling backing off to one minute, base64 messages).
/// </summary>
internal sealed record HostQueueSettings(int BatchSize, int NewBatchThreshold, int MaxDequeueCount, TimeSpan VisibilityTimeout, TimeSpan MaxPollingInterval, bool Base64)
{
    /// <summary>The settings in the <c>host.json</c> embedded in this program.</summary>
    public static HostQueueSettings Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("host.json")
            ?? throw new InvalidOperationException("host.json is not embedded in this program; rebuild it.");
        return Parse(JsonNode.Parse(stream, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }));
    }

    public static HostQueueSettings Parse(JsonNode? hostJson)
    {
        var queues = hostJson?["extensions"]?["queues"];
        var batchSize = Math.Clamp((int?)queues?["batchSize"] ?? 16, 1, 32);
        return new HostQueueSettings(
            batchSize,
            (int?)queues?["newBatchThreshold"] ?? batchSize / 2 * Environment.ProcessorCount,
            (int?)queues?["maxDequeueCount"] ?? 5,
            Time(queues?["visibilityTimeout"]) ?? TimeSpan.Zero,
            Time(queues?["maxPollingInterval"]) ?? TimeSpan.FromMinutes(1),
            !string.Equals((string?)queues?["messageEncoding"], "none", StringComparison.OrdinalIgnoreCase));
    }

    // host.json takes "hh:mm:ss" or, for maxPollingInterval, milliseconds as a number.
    private static TimeSpan? Time(JsonNode? value) => value?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => TimeSpan.FromMilliseconds((double)value),
        System.Text.Json.JsonValueKind.String => TimeSpan.Parse((string)value!, CultureInfo.InvariantCulture),
        _ => null,
    };
}
