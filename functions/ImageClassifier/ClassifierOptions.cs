using System.ComponentModel.DataAnnotations;

namespace ImageClassifier;

/// <summary>
/// Engine settings, bound from the <c>Classifier</c> configuration section (environment: <c>Classifier__Name</c>).
/// Tuning that was settled by measurement is not a setting: see <see cref="Inference.InferenceTuning"/>.
/// </summary>
public sealed class ClassifierOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Classifier";

    /// <summary>Directory holding <c>model.onnx</c>, <c>labels.txt</c> and optionally <c>model.json</c>. Relative paths resolve against the working directory, then the application directory.</summary>
    [Required]
    public string ModelDirectory { get; set; } = Path.Combine("models", "resnet18");

    /// <summary><c>cpu</c> or <c>cuda</c> (any case). Without the CUDA libraries the engine logs a warning and runs on the CPU.</summary>
    [EnumDataType(typeof(ExecutionProvider), ErrorMessage = "Classifier:ExecutionProvider must be 'cpu' or 'cuda'.")]
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Cpu;

    /// <summary>Threads ONNX Runtime uses inside one inference. 0 means one per core.</summary>
    [Range(0, 256, ErrorMessage = "Classifier:IntraOpThreads must be from 0 (one per core) to 256.")]
    public int IntraOpThreads { get; set; }

    /// <summary>How many labels a result carries unless the caller asks otherwise.</summary>
    [Range(1, 1000, ErrorMessage = "Classifier:TopK must be from 1 to 1000.")]
    public int TopK { get; set; } = 5;

    /// <summary>Largest encoded image accepted, in bytes (default 20 MB, at most 1 GiB).</summary>
    [Range(1, 1L << 30, ErrorMessage = "Classifier:MaxImageBytes must be from 1 to 1073741824 (1 GiB).")]
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Largest pixel count accepted, read from the header before any pixel is decoded (default 40 megapixels).</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Classifier:MaxPixels must be at least 1.")]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>
    /// Most bytes held for images in flight: uploads buffered whole and decoded pixels together (default 384 MiB; see
    /// <see cref="Capacity.MemoryBudget"/> and docs/reliability.md for the measurement behind it). Beyond it, work waits
    /// up to <see cref="AdmissionWait"/> and is then refused as busy (HTTP 503 with <c>Retry-After</c>).
    /// </summary>
    [Range(2L * 1024 * 1024, 1L << 40, ErrorMessage = "Classifier:MaxBytesInFlight must be from 2097152 (2 MiB) to 1099511627776 (1 TiB).")]
    public long MaxBytesInFlight { get; set; } = 384L * 1024 * 1024;

    /// <summary>How long an upload or a decode waits for room in <see cref="MaxBytesInFlight"/> before it is refused as busy.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Classifier:AdmissionWait must be from 00:00:00 to 00:05:00.")]
    public TimeSpan AdmissionWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>auto</c>, <c>on</c> or <c>off</c> (any case): merge concurrent requests into one inference run (dynamic-batch
    /// models only). <c>auto</c> turns it on for CUDA and off for CPU, where bench showed no throughput gain (docs/performance.md).
    /// </summary>
    [EnumDataType(typeof(MicroBatchingMode), ErrorMessage = "Classifier:MicroBatching must be 'auto', 'on' or 'off'.")]
    public MicroBatchingMode MicroBatching { get; set; } = MicroBatchingMode.Auto;

    /// <summary>Results kept for repeated identical images (SHA-256 of the bytes); 0 turns the cache off.</summary>
    [Range(0, 100_000, ErrorMessage = "Classifier:CacheEntries must be from 0 (off) to 100000.")]
    public int CacheEntries { get; set; } = 512;

    /// <summary>
    /// How long a request that arrives while the model is still loading waits for it before the answer is 503
    /// <c>warming_up</c> with <c>Retry-After</c>. A new instance loads its model in about a second (docs/performance.md),
    /// so the default covers a slow first load with room to spare.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Classifier:WarmUpWait must be from 00:00:00 to 00:05:00.")]
    public TimeSpan WarmUpWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>After the first load on a machine, write a fully optimised copy (in the background, a little later) for the next start.</summary>
    public bool SaveOptimizedCopy { get; set; } = true;

    /// <summary>Folder for run-time copies of the ONNX Runtime-optimised model; empty uses the system temp folder.</summary>
    public string? OptimizedModelCache { get; set; }

    /// <summary>True when micro-batching applies to the given execution provider.</summary>
    public bool MicroBatchingFor(ExecutionProvider executionProvider) => MicroBatching switch
    {
        MicroBatchingMode.On => true,
        MicroBatchingMode.Off => false,
        _ => executionProvider == ExecutionProvider.Cuda,
    };

    /// <summary>
    /// The budget <see cref="MaxBytesInFlight"/> describes. Decodes keep room for the largest image <see cref="MaxPixels"/>
    /// allows (4 bytes a pixel), at most half the budget, so admitted uploads can always be decoded.
    /// </summary>
    public Capacity.MemoryBudget CreateMemoryBudget() =>
        new(MaxBytesInFlight, Math.Min(MaxPixels, MaxBytesInFlight / 8) * 4, AdmissionWait);

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
