using System.Diagnostics;

namespace ImageClassifier.Soak.Harness;

/// <summary>Builds the CLI once in Release and returns its dll, so every start of the runner is a process start, not a build.</summary>
internal static class CliBuild
{
    public static async Task<string> BuildAsync(string repositoryRoot)
    {
        var project = Path.Combine(repositoryRoot, "tools", "ImageClassifier.Cli", "ImageClassifier.Cli.csproj");
        await DotnetAsync("build", project, "-c", "Release", "--nologo", "-v", "q");
        var path = (await DotnetAsync("msbuild", project, "-p:Configuration=Release", "-getProperty:TargetPath")).Trim();
        return File.Exists(path) ? path : throw new InvalidOperationException($"The build of {project} left no {path}.");
    }

    private static async Task<string> DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var dotnet = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = dotnet.StandardOutput.ReadToEndAsync();
        var errors = dotnet.StandardError.ReadToEndAsync();
        await dotnet.WaitForExitAsync();
        return dotnet.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed (exit {dotnet.ExitCode}):\n{await output}{await errors}");
    }
}
