using System.Globalization;
using ImageClassifier.Models;

namespace ImageClassifier.Bench;

/// <summary>
/// Process start to model ready and to first result in new processes, with the model folder as the package ships it
/// (model.onnx only) and with ONNX Runtime's publish-time optimised copy beside it: the measurement behind shipping one
/// copy of the weights. The two alternate, so a slow spell of a shared machine hits both alike.
/// </summary>
internal sealed class FirstLoadBench(BenchSettings settings, string scratch)
{
    /// <summary>Fills the first-load figures; returns the package-shaped model folder (model.onnx only) for serve.</summary>
    public async Task<ModelFiles> MeasureAsync(BenchReport report, ModelFiles served, byte[] image, CancellationToken cancellationToken)
    {
        var plain = PackageShaped(served, scratch, "as-packaged");
        var published = PackageShaped(served, scratch, "with-optimized-copy");
        ModelOptimizer.WritePublishedCopy(published);
        var path = Path.Combine(scratch, "first.jpg");
        await File.WriteAllBytesAsync(path, image, cancellationToken);

        var plainRuns = new List<(double Ready, double Result, double Load)>();
        var publishedRuns = new List<(double Ready, double Result, double Load)>();
        for (var round = 0; round < settings.FirstLoads; round++)
        {
            plainRuns.Add(await ProbeAsync(plain, path, cancellationToken));
            publishedRuns.Add(await ProbeAsync(published, path, cancellationToken));
        }

        report.Load.ProcessToModelReady = Stats.Of(plainRuns.Select(r => r.Ready).ToArray()).Median;
        report.Load.ProcessToFirstResult = Stats.Of(plainRuns.Select(r => r.Result).ToArray()).Median;
        report.Load.EngineLoad = Stats.Of(plainRuns.Select(r => r.Load).ToArray()).Median;
        report.Load.ProcessToModelReadyWithOptimizedCopy = Stats.Of(publishedRuns.Select(r => r.Ready).ToArray()).Median;
        report.Load.ProcessToFirstResultWithOptimizedCopy = Stats.Of(publishedRuns.Select(r => r.Result).ToArray()).Median;
        return ModelFiles.Read(plain);
    }

    private async Task<(double Ready, double Result, double Load)> ProbeAsync(string model, string image, CancellationToken cancellationToken)
    {
        await using var child = ChildProcess.Start(ChildProcess.Bench, BenchRunner.ColdInstance(scratch), "probe-load", "--model", model, "--image", image, "--threads", settings.Threads.ToString(CultureInfo.InvariantCulture));
        var ready = await child.WaitForLineAsync("ready ", TimeSpan.FromMinutes(2), cancellationToken);
        var result = await child.WaitForLineAsync("result ", TimeSpan.FromMinutes(2), cancellationToken);
        return (ready.AtMs, result.AtMs, double.Parse(ready.Line.Split(' ')[1], CultureInfo.InvariantCulture));
    }

    /// <summary>A copy of <paramref name="files"/>' model.onnx, labels.txt and model.json, nothing else: what the function app's package carries.</summary>
    internal static string PackageShaped(ModelFiles files, string scratch, string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(scratch, name)).FullName;
        foreach (var file in new[] { ModelFiles.ModelFileName, ModelFiles.LabelsFileName, ModelFiles.SpecFileName })
        {
            var source = Path.Combine(files.Directory, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(directory, file));
            }
        }

        return directory;
    }
}
