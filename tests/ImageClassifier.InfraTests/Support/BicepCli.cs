using System.Collections.Concurrent;
using System.Text.Json;
using System.Xml.Linq;

namespace ImageClassifier.InfraTests.Support;

internal sealed record BicepCompilation(string File, ProcessResult Process)
{
    /// <summary>Warnings and errors as Bicep printed them (linter rules included).</summary>
    public string Diagnostics => Process.StandardError.Trim();

    public bool Succeeded => Process.ExitCode == 0 && Diagnostics.Length == 0;
}

/// <summary>
/// The Bicep CLI from the NuGet package that the test project's PackageDownload pins, compiled once per file.
/// </summary>
internal static class BicepCli
{
    private const string PackageId = "Azure.Bicep.CommandLine.linux-x64";
    private static readonly ConcurrentDictionary<string, Lazy<Task<BicepCompilation>>> Compilations = new();
    private static readonly Lazy<string> Executable = new(FindExecutable);

    public static Task<BicepCompilation> CompileAsync(string file) =>
        Compilations.GetOrAdd(Path.GetFullPath(file), path => new Lazy<Task<BicepCompilation>>(() => RunAsync(path))).Value;

    /// <summary>The ARM JSON of a .bicep file, or of the template a .bicepparam file uses.</summary>
    public static async Task<JsonElement> TemplateAsync(string relativePath)
    {
        var compilation = await CompileAsync(Repo.PathOf(relativePath));
        if (!compilation.Succeeded)
        {
            throw new InvalidOperationException(compilation.Process.Describe($"bicep build {relativePath}"));
        }

        using var document = JsonDocument.Parse(compilation.Process.StandardOutput);
        var root = document.RootElement.Clone();
        return relativePath.EndsWith(".bicepparam", StringComparison.Ordinal)
            ? JsonDocument.Parse(root.GetProperty("templateJson").GetString()!).RootElement.Clone()
            : root;
    }

    /// <summary>The parameter values a .bicepparam file sets.</summary>
    public static async Task<JsonElement> ParameterValuesAsync(string relativePath)
    {
        var compilation = await CompileAsync(Repo.PathOf(relativePath));
        if (!compilation.Succeeded)
        {
            throw new InvalidOperationException(compilation.Process.Describe($"bicep build-params {relativePath}"));
        }

        using var document = JsonDocument.Parse(compilation.Process.StandardOutput);
        var parameters = document.RootElement.GetProperty("parametersJson").GetString()!;
        return JsonDocument.Parse(parameters).RootElement.GetProperty("parameters").Clone();
    }

    private static async Task<BicepCompilation> RunAsync(string path)
    {
        var command = path.EndsWith(".bicepparam", StringComparison.Ordinal) ? "build-params" : "build";
        var result = await ProcessRunner.RunAsync(
            Executable.Value,
            [command, path, "--stdout"],
            TimeSpan.FromMinutes(2),
            environment: new Dictionary<string, string>
            {
                // Keep the CLI offline and quiet: no telemetry, no registry or update lookups.
                ["BICEP_TELEMETRY_ENABLED"] = "false",
                // Some bicepparam files read this; an empty value keeps the checks independent of the caller's shell.
                ["GPU_CONTAINER_IMAGE"] = string.Empty,
            });
        return new BicepCompilation(path, result);
    }

    private static string FindExecutable()
    {
        var version = PinnedVersion();
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var executable = Path.Combine(packages, PackageId.ToLowerInvariant(), version, "tools", "bicep");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException(
                $"Bicep CLI {version} not found at {executable}. It arrives with the PackageDownload of {PackageId} in " +
                "tests/ImageClassifier.InfraTests: run 'dotnet restore' (and check NUGET_PACKAGES).",
                executable);
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            // Some package extractors drop the execute bit.
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
        }

        return executable;
    }

    /// <summary>The version in the test project's PackageDownload, e.g. [0.49.2] -> 0.49.2.</summary>
    internal static string PinnedVersion()
    {
        var project = XDocument.Load(Repo.PathOf("tests", "ImageClassifier.InfraTests", "ImageClassifier.InfraTests.csproj"));
        var download = project.Descendants("PackageDownload")
            .Single(element => (string?)element.Attribute("Include") == PackageId);
        return ((string)download.Attribute("Version")!).Trim('[', ']');
    }
}
