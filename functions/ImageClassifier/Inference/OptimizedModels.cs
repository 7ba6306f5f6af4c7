using ImageClassifier.Models;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Inference;

/// <summary>
/// Copies of a model that ONNX Runtime has already optimised, so a cold start skips graph optimisation (measured in
/// docs/performance.md). Two places: <c>.optimized/</c> beside the model, written at publish or image-build time with
/// the hardware-independent level (ONNX Runtime warns that higher levels may bake in CPU-specific layouts), and a
/// run-time cache folder, written in the background after the first load on a machine with every optimisation.
/// File names carry the model's SHA-256, the ONNX Runtime version and the execution provider, so a new model or
/// runtime never loads a stale copy.
/// </summary>
internal static class OptimizedModels
{
    /// <summary>Name of the folder beside model.onnx that holds publish-time copies.</summary>
    public const string PublishedFolder = ".optimized";

    /// <summary>The level written at publish time: the highest that ONNX Runtime treats as hardware independent.</summary>
    public const GraphOptimizationLevel PublishedLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED;

    private static readonly Lazy<string> RuntimeVersion = new(() => OrtEnvironment.Get().GetVersionString());

    public static string FileName(ModelFiles files, ExecutionProvider provider, GraphOptimizationLevel level) =>
        $"{files.Sha256[..16]}-ort{RuntimeVersion.Value}-{ProviderName(provider)}-{LevelName(level)}.onnx";

    public static string PublishedPath(ModelFiles files, ExecutionProvider provider) =>
        Path.Combine(files.Directory, PublishedFolder, FileName(files, provider, PublishedLevel));

    public static string RuntimePath(ModelFiles files, ClassifierOptions options, ExecutionProvider provider, GraphOptimizationLevel level) =>
        Path.Combine(RuntimeFolder(options), FileName(files, provider, level));

    /// <summary>
    /// False when no optimised copy of any model can be found for <paramref name="provider"/>: no publish-time folder beside
    /// the model, no copy in the run-time folder. A new instance is then known to load model.onnx itself, before its
    /// hash (the copies' key) is known. True when the run-time folder cannot be read: the loader then looks for copies
    /// by name, as it always did.
    /// </summary>
    public static bool MayExist(string modelDirectory, ClassifierOptions options, ExecutionProvider provider)
    {
        if (Directory.Exists(Path.Combine(modelDirectory, PublishedFolder)))
        {
            return true;
        }

        var runtime = RuntimeFolder(options);
        try
        {
            return Directory.Exists(runtime)
                && Directory.EnumerateFiles(runtime, $"*-{ProviderName(provider)}-{LevelName(InferenceTuning.GraphOptimization)}.onnx").Any();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    public static string RuntimeFolder(ClassifierOptions options) =>
        string.IsNullOrWhiteSpace(options.OptimizedModelCache) ? Path.Combine(Path.GetTempPath(), "imgclass-ort-cache") : options.OptimizedModelCache;

    // The names copies had when these were strings; kept so copies written by earlier builds are still found.
    private static string ProviderName(ExecutionProvider provider) => provider == ExecutionProvider.Cuda ? "cuda" : "cpu";

    private static string LevelName(GraphOptimizationLevel level) => level switch
    {
        GraphOptimizationLevel.ORT_DISABLE_ALL => "disabled",
        GraphOptimizationLevel.ORT_ENABLE_BASIC => "basic",
        GraphOptimizationLevel.ORT_ENABLE_EXTENDED => "extended",
        _ => "all",
    };

    /// <summary>Writes an optimised copy to <paramref name="target"/> atomically (temporary name, then rename).</summary>
    public static void Write(ModelFiles files, string target, GraphOptimizationLevel level, Action<SessionOptions> configure)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var options = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = temporary })
            {
                configure(options);
                using var session = new InferenceSession(files.ModelPath, options);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
