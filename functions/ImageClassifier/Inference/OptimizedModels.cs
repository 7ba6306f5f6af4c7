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
    public const string PublishedLevel = "extended";

    private static readonly Lazy<string> RuntimeVersion = new(() => OrtEnv.Instance().GetVersionString());

    public static string FileName(ModelFiles files, string provider, string level) =>
        $"{files.Sha256[..16]}-ort{RuntimeVersion.Value}-{provider}-{level}.onnx";

    public static string PublishedPath(ModelFiles files, string provider) =>
        Path.Combine(files.Directory, PublishedFolder, FileName(files, provider, PublishedLevel));

    public static string RuntimePath(ModelFiles files, ClassifierOptions options, string provider, string level) =>
        Path.Combine(RuntimeFolder(options), FileName(files, provider, level));

    public static string RuntimeFolder(ClassifierOptions options) =>
        string.IsNullOrWhiteSpace(options.OptimizedModelCache) ? Path.Combine(Path.GetTempPath(), "imgclass-ort-cache") : options.OptimizedModelCache;

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
