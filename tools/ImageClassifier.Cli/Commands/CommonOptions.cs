using System.CommandLine;

namespace ImageClassifier.Cli.Commands;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    /// <summary><c>--model DIR</c>.</summary>
    public static Option<string> Model() => new("--model", "-m")
    {
        Description = "Model directory with model.onnx and labels.txt (default: Classifier__ModelDirectory, else models/resnet18).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Classifier__ModelDirectory") ?? Path.Combine("models", "resnet18"),
    };

    /// <summary><c>--threads N</c>.</summary>
    public static Option<int> Threads() => new("--threads")
    {
        Description = "ONNX Runtime intra-op threads (0 = one per core).",
        DefaultValueFactory = _ => 0,
        Validators = { r => { if (r.GetValueOrDefault<int>() < 0) { r.AddError("--threads must be 0 or more."); } } },
    };

    /// <summary><c>--device cpu|cuda</c>.</summary>
    public static Option<string> Device() => new Option<string>("--device")
    {
        Description = "Execution provider: cpu or cuda.",
        DefaultValueFactory = _ => "cpu",
    }.AcceptOnlyFromAmong("cpu", "cuda");
}
