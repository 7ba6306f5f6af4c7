using System.Reflection;

namespace ImageClassifier.Tests.Support;

/// <summary>
/// The ResNet-18 featurizer graph from the Microsoft.ML.DnnImageFeaturizer.ResNet18 package (restored by this project's
/// PackageDownload): input Input247 [1,3,224,224], output [1,512,1,1]. A real graph with a fixed batch of one and
/// trailing singleton output dimensions, which the shared MobileNetV2 has neither of.
/// </summary>
public static class FeaturizerModel
{
    public const int Features = 512;

    /// <summary>Path of ResNet18.onnx; skips the calling test when it is missing, throws instead under CI.</summary>
    public static string Require()
    {
        var path = typeof(FeaturizerModel).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ResNet18Onnx")?.Value;
        if (path is not null && File.Exists(path))
        {
            return path;
        }

        var reason = $"needs ResNet18.onnx from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 (looked in '{path}'); run dotnet restore";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI run without the featurizer model: {reason}");
        }

        Skip.If(true, reason);
        return string.Empty;
    }

    /// <summary>Placeholder labels, one per feature: feature-000 ... feature-511.</summary>
    public static IEnumerable<string> Labels(int count = Features) => Enumerable.Range(0, count).Select(i => $"feature-{i:D3}");
}
