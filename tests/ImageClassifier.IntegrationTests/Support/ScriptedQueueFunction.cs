using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>A queue-triggered function for driving the local queue listener: a message starting with "fail" throws, any other succeeds; every call is counted per message.</summary>
public sealed class ScriptedQueueFunction
{
    public static readonly ConcurrentDictionary<string, int> Calls = new(StringComparer.Ordinal);

    [Function("Scripted")]
    public Task Run([QueueTrigger("%ScriptedQueue%")] string message, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(message, 1, (_, n) => n + 1);
        return message.StartsWith("fail", StringComparison.Ordinal)
            ? Task.FromException(new InvalidOperationException($"scripted failure for {message}"))
            : Task.CompletedTask;
    }
}
