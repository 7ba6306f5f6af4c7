using System.Diagnostics;

namespace ImageClassifier.Cli.Tests.Support;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs <c>imgclass</c> or <c>imgclass-bench</c> (built beside the tests) in a new process, in a scratch working folder,
/// with no <c>Classifier__*</c> variables but those a test sets.
/// </summary>
public static class CliProcess
{
    public const string Cli = "imgclass";

    public const string Bench = "imgclass-bench";

    public static async Task<CliResult> RunAsync(string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = StartInfo(program, environment, arguments);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within 2 minutes:\n{await error}");
        }
        finally
        {
            Directory.Delete(start.WorkingDirectory, recursive: true);
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(string program, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("cli-test-").FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program + ".dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Classifier__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
