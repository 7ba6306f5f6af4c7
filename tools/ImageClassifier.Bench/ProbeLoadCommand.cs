using System.CommandLine;
using System.Diagnostics;
using ImageClassifier.Cli.Commands;
using ImageClassifier.Cli.Settings;

namespace ImageClassifier.Bench;

/// <summary>Hidden helper of bench: a fresh process that loads the model, says "ready", labels one image, says "result".</summary>
internal static class ProbeLoadCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var image = new Option<string>("--image") { Required = true };
        var command = common.AddTo(new Command("probe-load", "Used by bench.") { image });
        command.Hidden = true;
        command.SetAction(async (result, cancellationToken) =>
        {
            using var engine = EngineFactory.Create(common.Read(result), oneShot: true);
            var bytes = File.ReadAllBytesAsync(result.GetValue(image)!, cancellationToken);
            var report = await engine.WarmUpAsync(cancellationToken);
            Console.WriteLine(FormattableString.Invariant($"ready {report.LoadMs:F1} {report.FirstRunMs:F1}"));
            var started = Stopwatch.GetTimestamp();
            await engine.ClassifyAsync(await bytes, cancellationToken: cancellationToken);
            Console.WriteLine(FormattableString.Invariant($"result {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}"));
            return 0;
        });
        return command;
    }

    /// <summary>Hidden helper of bench: the first ONNX Runtime session of a new process, default options.</summary>
    public static Command CreateBare()
    {
        var file = new Option<string>("--model-file") { Required = true };
        var command = new Command("probe-bare-load", "Used by bench.") { file };
        command.Hidden = true;
        command.SetAction(result =>
        {
            var started = Stopwatch.GetTimestamp();
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(result.GetValue(file)!);
            Console.WriteLine(FormattableString.Invariant($"loaded {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}"));
            return 0;
        });
        return command;
    }
}
