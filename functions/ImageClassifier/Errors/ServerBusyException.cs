namespace ImageClassifier.Errors;

/// <summary>
/// The work did not get its share of <see cref="Capacity.MemoryBudget"/> within the budget's wait: the instance is busy, not
/// the input wrong. HTTP hosts answer 503 <c>busy</c> with <c>Retry-After</c>; queue hosts let the message be retried.
/// </summary>
public sealed class ServerBusyException : Exception
{
    /// <summary>Creates the exception with a message for the client.</summary>
    public ServerBusyException(string message)
        : base(message)
    {
    }
}
