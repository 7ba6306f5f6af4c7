using ImageClassifier.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Cli;

/// <summary>Builds the engine for a one-shot command: options from the command line, warnings to stderr.</summary>
internal static class EngineFactory
{
    public static ClassifierEngine Create(string modelDirectory, int threads, string device, LogLevel level = LogLevel.Warning)
    {
        var options = new ClassifierOptions
        {
            ModelDirectory = modelDirectory,
            IntraOpThreads = threads,
            ExecutionProvider = device,
        };
        var loggerFactory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        return new ClassifierEngine(Options.Create(options), loggerFactory.CreateLogger<ClassifierEngine>());
    }

    /// <summary>Writes a model error in words and returns the usage exit code.</summary>
    public static int ReportModelError(ModelLoadException error)
    {
        Console.Error.WriteLine($"error: {error.Message}");
        return CommandLineRunner.UsageError;
    }
}
