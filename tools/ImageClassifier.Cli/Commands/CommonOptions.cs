using System.CommandLine;
using ImageClassifier.Cli.Settings;

namespace ImageClassifier.Cli.Commands;

/// <summary>
/// The engine options every command shares. None has a default: an option given on the command line overrides its
/// <c>Classifier__*</c> environment variable, one not given leaves the setting to it (and to the engine's default).
/// Ranges are the engine's own DataAnnotations, checked by <see cref="EngineFactory"/>.
/// </summary>
public sealed class CommonOptions
{
    /// <summary><c>--model DIR</c>: <see cref="ClassifierOptions.ModelDirectory"/>.</summary>
    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "Model directory with model.onnx and labels.txt (default: Classifier__ModelDirectory, else models/resnet18).",
    };

    /// <summary><c>--threads N</c>: <see cref="ClassifierOptions.IntraOpThreads"/>.</summary>
    public Option<int?> Threads { get; } = new("--threads")
    {
        Description = "ONNX Runtime intra-op threads, 0-256 (default: Classifier__IntraOpThreads, else 0 = one per core).",
    };

    /// <summary><c>--device cpu|cuda</c>: <see cref="ClassifierOptions.ExecutionProvider"/>.</summary>
    public Option<string?> Device { get; } = new("--device")
    {
        Description = "Execution provider: cpu or cuda (default: Classifier__ExecutionProvider, else cpu).",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public T AddTo<T>(T command, bool threads = true)
        where T : Command
    {
        command.Add(Model);
        if (threads)
        {
            command.Add(Threads);
        }

        command.Add(Device);
        return command;
    }

    /// <summary>The engine settings the command line gave.</summary>
    public SettingOverrides Read(ParseResult result)
    {
        var overrides = new SettingOverrides()
            .Set(nameof(ClassifierOptions.ModelDirectory), "--model", result.GetValue(Model))
            .Set(nameof(ClassifierOptions.ExecutionProvider), "--device", result.GetValue(Device));
        return result.CommandResult.Command.Options.Contains(Threads)
            ? overrides.Set(nameof(ClassifierOptions.IntraOpThreads), "--threads", result.GetValue(Threads))
            : overrides;
    }
}
