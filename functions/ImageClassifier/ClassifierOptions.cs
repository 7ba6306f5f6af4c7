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

    /// <summary>Largest encoded image accepted, in bytes (default 20 MB).</summary>
    [Range(1, int.MaxValue)]
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Largest pixel count accepted, read from the header before any pixel is decoded (default 40 megapixels).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Optional: an ONNX Runtime graph optimisation level name (<c>disabled</c>, <c>basic</c>, <c>extended</c>, <c>all</c>).</summary>
    [RegularExpression("^(?i)(disabled|basic|extended|all)$")]
    public string GraphOptimization { get; set; } = "all";

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
