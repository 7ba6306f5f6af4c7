using System.IO.Compression;

namespace ImageClassifier.Bench;

/// <summary>
/// The package a cold instance fetches: the function app published for linux-x64 as the deploy workflow does, with the
/// bench's model as models/resnet18, zipped at deflate's default level (.NET's <see cref="CompressionLevel.Optimal"/>); its size, file count and the copies of the weights it carries.
/// </summary>
internal static class PackageBench
{
    /// <summary>
    /// The weights of the model the deploy workflow exports and ships, torchvision's ResNet-18 (ResNet18_Weights.IMAGENET1K_V1:
    /// 11,689,512 parameters, https://pytorch.org/vision/stable/models/generated/torchvision.models.resnet18.html) and
    /// its 9,600 batch-norm running statistics, as float32. The bench's ResNet-18 graph carries 15.9 M weights (63.6 MB).
    /// </summary>
    internal const long ProductionWeightBytes = (11_689_512L + 9_600L) * sizeof(float);

    public static async Task<PackageFigures> MeasureAsync(string modelDirectory, string scratch, CancellationToken cancellationToken)
    {
        var output = Path.Combine(scratch, "package");
        await Publisher.PublishAsync(
            ["functions", "ImageClassifier.Functions", "ImageClassifier.Functions.csproj"], output, Path.Combine(scratch, "package-build"), [$"-p:PackagedModelDirectory={modelDirectory}"], cancellationToken);

        var zip = Path.Combine(scratch, "package.zip");
        ZipFile.CreateFromDirectory(output, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        using var archive = ZipFile.OpenRead(zip);
        var entries = archive.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith('/')).ToList();
        var models = entries.Where(e => e.FullName.StartsWith("models/", StringComparison.Ordinal)).ToList();
        var zipBytes = new FileInfo(zip).Length;
        var modelZipped = models.Sum(e => e.CompressedLength);
        var modelRaw = models.Sum(e => e.Length);
        // The same package with the production weights in place of this graph's, compressed as well as this graph's are.
        var production = zipBytes - modelZipped + (ProductionWeightBytes * (double)modelZipped / modelRaw);
        return new PackageFigures(
            Math.Round(zipBytes / 1e6, 2),
            Mib(zipBytes),
            Math.Round(production / 1e6, 2),
            entries.Count,
            models.Count(e => e.FullName.EndsWith(".onnx", StringComparison.Ordinal)),
            Mib(modelZipped),
            entries.OrderByDescending(e => e.CompressedLength).Take(5).Select(e => $"{e.FullName} {Mib(e.CompressedLength):F1}").ToList());
    }

    private static double Mib(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 2);
}
