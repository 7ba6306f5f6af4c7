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
    public Option<int?> Threads { get; } = WholeNumber("--threads", "ONNX Runtime intra-op threads, 0-256 (default: Classifier__IntraOpThreads, else 0 = one per core).");

    /// <summary><c>--device cpu|cuda</c>: <see cref="ClassifierOptions.ExecutionProvider"/>.</summary>
    public Option<string?> Device { get; } = new("--device")
    {
        Description = "Execution provider: cpu or cuda (default: Classifier__ExecutionProvider, else cpu).",
    };

    /// <summary>
    /// An optional whole-number option whose parse error names the option and the value in words (the default message
    /// names the CLR type, <c>System.Nullable`1[System.Int32]</c>). Ranges are checked later, with the engine's settings.
    /// </summary>
    public static Option<int?> WholeNumber(string name, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError($"{name} takes a whole number, not '{token}'.");
                return null;
            },
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
