using System.ComponentModel.DataAnnotations;

namespace ImageClassifier;

/// <summary>Engine settings, bound from the <c>Classifier</c> configuration section (environment: <c>Classifier__Name</c>).</summary>
public sealed class ClassifierOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Classifier";

    /// <summary>Directory holding <c>model.onnx</c>, <c>labels.txt</c> and optionally <c>model.json</c>. Relative paths resolve against the working directory, then the application directory.</summary>
    [Required]
    public string ModelDirectory { get; set; } = Path.Combine("models", "resnet18");

    /// <summary><c>cpu</c> or <c>cuda</c>. Without the CUDA libraries the engine logs a warning and runs on the CPU.</summary>
    [RegularExpression("^(?i)(cpu|cuda)$", ErrorMessage = "Classifier:ExecutionProvider must be 'cpu' or 'cuda'.")]
    public string ExecutionProvider { get; set; } = "cpu";

    /// <summary>Threads ONNX Runtime uses inside one inference. 0 means one per core.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>How many labels a result carries unless the caller asks otherwise.</summary>
    [Range(1, 1000)]
    public int TopK { get; set; } = 5;

    /// <summary>Largest encoded image accepted, in bytes (default 20 MB, at most 1 GiB).</summary>
    [Range(1, 1L << 30)]
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Largest pixel count accepted, read from the header before any pixel is decoded (default 40 megapixels).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Optional: an ONNX Runtime graph optimisation level name (<c>disabled</c>, <c>basic</c>, <c>extended</c>, <c>all</c>).</summary>
    [RegularExpression("^(?i)(disabled|basic|extended|all)$")]
    public string GraphOptimization { get; set; } = "all";

    /// <summary>
    /// <c>auto</c>, <c>on</c> or <c>off</c>: merge concurrent requests into one inference run (dynamic-batch models only).
    /// <c>auto</c> turns it on for CUDA and off for CPU, where bench showed no throughput gain (docs/performance.md).
    /// </summary>
    [RegularExpression("^(?i)(auto|on|off)$")]
    public string MicroBatching { get; set; } = "auto";

    /// <summary>
    /// Inference runs in flight at once. Two let one run's single-threaded start and finish overlap the next run on a
    /// CPU (8-client throughput 35.6 against 31.7 requests/s with one, no gain beyond; docs/performance.md).
    /// </summary>
    [Range(1, 64)]
    public int ConcurrentRuns { get; set; } = 2;

    /// <summary>Most images in one merged run.</summary>
    [Range(1, 256)]
    public int MaxBatch { get; set; } = 16;

    /// <summary>Longest a forming batch waits for requests that are still decoding, in milliseconds.</summary>
    [Range(0, 100)]
    public double MaxBatchWaitMs { get; set; } = 2;

    /// <summary>Results kept for repeated identical images (SHA-256 of the bytes); 0 turns the cache off.</summary>
    [Range(0, 100_000)]
    public int CacheEntries { get; set; } = 512;

    /// <summary>Use ONNX Runtime's CPU memory arena. On keeps the serving process's peak memory lowest (docs/performance.md).</summary>
    public bool CpuMemoryArena { get; set; } = true;

    /// <summary>
    /// Let ONNX Runtime's intra-op threads spin between runs instead of sleeping. Off by default: on two cores the
    /// spinning threads took CPU from decoding and HTTP work (8-client throughput +20% with it off, docs/performance.md).
    /// </summary>
    public bool IntraOpSpinning { get; set; }

    /// <summary>After the first load on a machine, write a fully optimised copy (in the background, a little later) for the next start.</summary>
    public bool SaveOptimizedCopy { get; set; } = true;

    /// <summary>Folder for run-time copies of the ONNX Runtime-optimised model; empty uses the system temp folder.</summary>
    public string? OptimizedModelCache { get; set; }

    /// <summary>True when micro-batching applies to the given execution provider.</summary>
    public bool MicroBatchingFor(string executionProvider) => MicroBatching.ToLowerInvariant() switch
    {
        "on" => true,
        "off" => false,
        _ => string.Equals(executionProvider, "cuda", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Resolves <see cref="ModelDirectory"/> to an absolute path.</summary>
    public string ResolveModelDirectory()
    {
        if (Path.IsPathRooted(ModelDirectory))
        {
            return ModelDirectory;
        }

        var fromWorkingDirectory = Path.GetFullPath(ModelDirectory);
        if (Directory.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        return Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, ModelDirectory));
    }
}
