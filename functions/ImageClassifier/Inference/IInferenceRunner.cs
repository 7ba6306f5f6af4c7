namespace ImageClassifier.Inference;

/// <summary>How prepared tensors reach the session: bounded runs in flight on the CPU, merged runs for the GPU plan.</summary>
internal interface IInferenceRunner : IDisposable
{
    /// <summary>True when concurrent requests can share one run.</summary>
    bool MergesRequests { get; }

    /// <summary>Runs <paramref name="count"/> images; returns the milliseconds of the run that carried them.</summary>
    Task<double> RunAsync(Memory<float> input, int count, Memory<float> output, CancellationToken cancellationToken);
}
