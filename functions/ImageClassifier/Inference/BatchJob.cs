namespace ImageClassifier.Inference;

/// <summary>One caller's images waiting in the <see cref="MicroBatcher"/>, and the task that tells the caller when they ran.</summary>
internal sealed class BatchJob(Memory<float> input, int count, Memory<float> output, CancellationToken cancellationToken)
{
    public Memory<float> Input { get; } = input;

    public int Count { get; } = count;

    public Memory<float> Output { get; } = output;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<double> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes a cancelled job without running it; true when it was cancelled.</summary>
    public bool Cancel() => CancellationToken.IsCancellationRequested && Completion.TrySetCanceled(CancellationToken);
}
