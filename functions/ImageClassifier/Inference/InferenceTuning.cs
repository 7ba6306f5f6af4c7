using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Inference;

/// <summary>
/// ONNX Runtime tuning settled by measurement (docs/performance.md, "What each optimisation bought"). These were
/// settings once; nothing but experiments changed them, so they are constants with the measurement beside each.
/// </summary>
internal static class InferenceTuning
{
    /// <summary>
    /// Inference runs in flight at once. Two let one run's single-threaded start and finish overlap the next run on a
    /// CPU: 8-client throughput 35.6 requests/s against 31.7 with one, 36.1 with eight (no gain beyond two).
    /// </summary>
    public const int ConcurrentRuns = 2;

    /// <summary>ONNX Runtime's CPU memory arena: peak memory after 8 clients x 12 MP uploads 278 MB with it, 352 MB without.</summary>
    public const bool CpuMemoryArena = true;

    /// <summary>
    /// Intra-op threads sleep between runs instead of spinning: on two cores spinning threads took CPU from decoding and
    /// HTTP work (8-client throughput 34.0 requests/s with spinning off, 28.7 with it on).
    /// </summary>
    public const bool IntraOpSpinning = false;

    /// <summary>
    /// Graph optimisation applied when loading <c>model.onnx</c> itself: every level. Optimised copies are written at
    /// this level too, and loaded without optimising again (first session load 101 ms against 244 ms for the original).
    /// </summary>
    public const GraphOptimizationLevel GraphOptimization = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Most images in one merged run (micro-batching, GPU plan).</summary>
    public const int MaxBatch = 16;

    /// <summary>
    /// Longest a forming batch waits for requests still being decoded. On the CPU batching gave at most 8% more images
    /// per second and no end-to-end gain; on a GPU a batch of 8 costs little more than one image. Not measured on a GPU here.
    /// </summary>
    public static readonly TimeSpan MaxBatchWait = TimeSpan.FromMilliseconds(2);
}
