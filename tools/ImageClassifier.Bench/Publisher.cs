using System.Diagnostics;

namespace ImageClassifier.Bench;

/// <summary>
/// <c>dotnet publish</c> of one of the repository's projects for linux-x64, as the deploy workflow publishes the
/// function app: framework-dependent and, for any publish with a runtime identifier, ReadyToRun (Directory.Build.props).
/// Each build goes to its own artifacts folder in bench's scratch space, away from the working tree's bin/ and obj/.
/// </summary>
internal static class Publisher
{
    /// <summary>Publishes <paramref name="project"/> (a path under the repository root) to <paramref name="output"/>.</summary>
    public static async Task PublishAsync(string[] project, string output, string artifacts, IEnumerable<string> properties, CancellationToken cancellationToken)
    {
        var root = NodeBaseline.RepositoryRoot() ?? throw new InvalidOperationException("Serverless.sln not found above the working or program folder.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments =
        [
            "publish", Path.Combine([root, .. project]),
            "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", output, "--artifacts-path", artifacts,
            "-nodeReuse:false", "-p:UseSharedCompilation=false", "--nologo", .. properties,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var log = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{await log}");
        }
    }

    /// <summary>
    /// The command-line tool published as a new instance runs the function app (ReadyToRun), for serve's start-up and
    /// HTTP figures; returns the path of its launcher.
    /// </summary>
    public static async Task<string> PublishCliAsync(string scratch, CancellationToken cancellationToken)
    {
        var output = Path.Combine(scratch, "imgclass-published");
        await PublishAsync(["tools", "ImageClassifier.Cli", "ImageClassifier.Cli.csproj"], output, Path.Combine(scratch, "imgclass-build"), [], cancellationToken);
        return Path.Combine(output, ChildProcess.Cli);
    }
}
