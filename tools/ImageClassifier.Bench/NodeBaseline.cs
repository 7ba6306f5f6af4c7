using System.Diagnostics;
using System.Text.Json;
using ImageClassifier.Cli;

namespace ImageClassifier.Bench;

/// <summary>The same bare inference through onnxruntime-node (npm), for a same-run comparison.</summary>
internal static class NodeBaseline
{
    public static async Task<(double[]? Samples, string Note)> RunAsync(string modelPath, float[] input, int threads, int runs, string scratch, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var script = root is null ? null : Path.Combine(root, "tools", "ImageClassifier.Bench", "ort-node.mjs");
        if (script is null || !Directory.Exists(Path.Combine(root!, "node_modules", "onnxruntime-node")))
        {
            return (null, "not measured: onnxruntime-node is not installed (run npm ci in the repository)");
        }

        var inputPath = Path.Combine(scratch, "input.f32");
        await File.WriteAllBytesAsync(inputPath, System.Runtime.InteropServices.MemoryMarshal.AsBytes(input.AsSpan()).ToArray(), cancellationToken);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root! };
        foreach (var argument in new[] { script, modelPath, inputPath, threads.ToString(System.Globalization.CultureInfo.InvariantCulture), runs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            return (null, $"not measured: onnxruntime-node failed: {(await error).Trim()}");
        }

        using var json = JsonDocument.Parse(await output);
        var samples = json.RootElement.GetProperty("samples").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var version = ReadVersion(root!);
        return (samples, $"onnxruntime-node {version}, {threads} intra-op threads, graph optimisation all");
    }

    public static string? RepositoryRoot() => RepositoryFolder.Find(folder => File.Exists(Path.Combine(folder, "Serverless.sln")));

    private static string ReadVersion(string root)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "node_modules", "onnxruntime-node", "package.json")));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }
}
