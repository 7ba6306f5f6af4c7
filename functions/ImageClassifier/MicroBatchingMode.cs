namespace ImageClassifier;

/// <summary>Whether concurrent requests are merged into one inference run (dynamic-batch models only).</summary>
public enum MicroBatchingMode
{
    /// <summary>On for CUDA, off for CPU, where bench showed no throughput gain (docs/performance.md).</summary>
    Auto,

    /// <summary>Always merge.</summary>
    On,

    /// <summary>Never merge: every request is its own run.</summary>
    Off,
}
