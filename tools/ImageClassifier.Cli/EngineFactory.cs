using ImageClassifier.Errors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Cli;

/// <summary>Builds the engine for a one-shot command: options from the command line, warnings to stderr.</summary>
public static class EngineFactory
{
    /// <summary>An engine for <paramref name="modelDirectory"/>; <paramref name="configure"/> adjusts the options last.</summary>
    public static ClassifierEngine Create(string modelDirectory, int threads, string device, LogLevel level = LogLevel.Warning, Action<ClassifierOptions>? configure = null)
    {
        // Classifier__* environment variables apply, as in the function app; the command line wins over them.
        var options = new ClassifierOptions
        {
            // A one-shot command would compete with its own work and may exit before the copy is written.
            SaveOptimizedCopy = false,
        };
        new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(ClassifierOptions.SectionName).Bind(options);
        options.ModelDirectory = modelDirectory;
        options.ExecutionProvider = device;
        if (threads > 0)
        {
            options.IntraOpThreads = threads;
        }

        configure?.Invoke(options);

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
