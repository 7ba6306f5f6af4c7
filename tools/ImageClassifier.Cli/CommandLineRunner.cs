using System.CommandLine;
using ImageClassifier.Cli.Settings;
using ImageClassifier.Errors;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Cli;

/// <summary>Parses and runs a command, with exit code 2 for usage errors (System.CommandLine would give 1, which here means "some images failed").</summary>
public static class CommandLineRunner
{
    /// <summary>Every image labelled; the command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran, but some images could not be labelled.</summary>
    public const int SomeFailed = 1;

    /// <summary>Bad arguments or settings, or a model that cannot be used: nothing was done.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command; Ctrl+C cancels it.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync($"Run '{root.Name} {string.Join(' ', parsed.CommandResult.Command.Name)} --help' for usage.");
            return UsageError;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellation.Token);
        }
        catch (InvalidSettingsException ex)
        {
            // Raised by EngineFactory before any model load: nothing has started yet.
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return UsageError;
        }
        catch (OptionsValidationException ex)
        {
            // serve's host validates its own settings (storage names, timeouts) when it starts, as the function app does.
            await Console.Error.WriteLineAsync($"error: invalid setting: {string.Join(Environment.NewLine, ex.Failures)}");
            return UsageError;
        }
    }

    /// <summary>Writes a model error in words and returns the usage exit code.</summary>
    public static int ReportModelError(ModelLoadException error)
    {
        Console.Error.WriteLine($"error: {error.Message}");
        return UsageError;
    }
}
