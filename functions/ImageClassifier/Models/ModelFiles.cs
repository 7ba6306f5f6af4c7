using System.Security.Cryptography;
using ImageClassifier.Errors;

namespace ImageClassifier.Models;

/// <summary>
/// The model directory contract: <c>model.onnx</c>, <c>labels.txt</c> (one label per line, in output index order)
/// and an optional <c>model.json</c>. Reading it checks everything that can be checked without ONNX Runtime.
/// </summary>
public sealed record ModelFiles(string Directory, string ModelPath, IReadOnlyList<string> Labels, PreprocessSpec Spec, ModelIdentity Identity)
{
    /// <summary>Full SHA-256 of <c>model.onnx</c>, lowercase hex: the key of optimised copies.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The ONNX graph file name.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>The labels file name.</summary>
    public const string LabelsFileName = "labels.txt";

    /// <summary>The optional preprocessing description file name.</summary>
    public const string SpecFileName = "model.json";

    /// <summary>
    /// What is missing from <paramref name="directory"/> for it to be a model directory, in words that name the setting;
    /// null when the directory and both required files exist. The one place that check lives: start-up validation and
    /// <see cref="Read"/> both ask here.
    /// </summary>
    public static string? FindMissing(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            return $"Model directory '{full}' does not exist. Point Classifier:ModelDirectory (environment Classifier__ModelDirectory, CLI --model) at a folder with {ModelFileName} and {LabelsFileName}; models/README.md says how to export ResNet-18.";
        }

        var missing = new[] { ModelFileName, LabelsFileName }.Where(f => !File.Exists(Path.Combine(full, f))).ToArray();
        return missing.Length == 0
            ? null
            : $"Model directory '{full}' (Classifier:ModelDirectory) lacks {string.Join(" and ", missing)}: it must contain {ModelFileName} and {LabelsFileName}, one label per line in output index order.";
    }

    /// <summary>Reads and checks a model directory; every failure names the file and what to do.</summary>
    public static ModelFiles Read(string directory)
    {
        if (FindMissing(directory) is { } missing)
        {
            throw new ModelLoadException(missing);
        }

        var full = Path.GetFullPath(directory);
        var modelPath = Path.Combine(full, ModelFileName);
        var labelsPath = Path.Combine(full, LabelsFileName);
        var labels = ReadLabels(labelsPath);
        var spec = PreprocessSpec.Load(Path.Combine(full, SpecFileName));
        var sha256 = Hash(modelPath);
        var identity = new ModelIdentity(Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)), sha256[..12]);
        return new ModelFiles(full, modelPath, labels, spec, identity) { Sha256 = sha256 };
    }

    private static string[] ReadLabels(string path)
    {
        var lines = File.ReadAllLines(path);
        var count = lines.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(lines[count - 1]))
        {
            count--;
        }

        if (count == 0)
        {
            throw new ModelLoadException($"'{path}' has no labels: write one label per line, in the model's output index order.");
        }

        var labels = new string[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = lines[i].Trim();
        }

        return labels;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
