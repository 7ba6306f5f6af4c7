using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ImageClassifier.InfraTests.Support;

/// <summary>One file's result: its diagnostics as Bicep printed them (linter rules included) and its JSON.</summary>
internal sealed record BicepCompilation(string File, string Diagnostics, string? Json)
{
    public bool Succeeded => Json is not null && Diagnostics.Length == 0;

    public string Describe() =>
        $"bicep build {Repo.Relative(File)}: {(Json is null ? "no output" : "output written")}{Environment.NewLine}{Diagnostics}";
}

/// <summary>
/// The Bicep CLI from the NuGet package that the test project's PackageDownload pins. The infra folder is compiled
/// once per test run, in two processes (templates, then parameter files), so the CLI's start-up is paid twice, not per file.
/// </summary>
internal static partial class BicepCli
{
    private const string PackageId = "Azure.Bicep.CommandLine.linux-x64";
    private static readonly Lazy<string> Executable = new(FindExecutable);
    private static readonly Lazy<Task<IReadOnlyDictionary<string, BicepCompilation>>> Infra = new(CompileInfraAsync);

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["BICEP_TELEMETRY_ENABLED"] = "false",
        // The parameter files read this; empty keeps the checks independent of the caller's shell.
        ["GPU_CONTAINER_IMAGE"] = string.Empty,
    };

    /// <summary>The result for a .bicep or .bicepparam file under infra/.</summary>
    public static async Task<BicepCompilation> InfraFileAsync(string relativePath)
    {
        var compilations = await Infra.Value;
        return compilations.TryGetValue(Repo.PathOf(relativePath), out var compilation)
            ? compilation
            : throw new FileNotFoundException($"{relativePath} was not compiled: is it under infra/?");
    }

    /// <summary>The ARM JSON of a .bicep file under infra/.</summary>
    public static async Task<JsonElement> TemplateAsync(string relativePath) => Parse(await InfraFileAsync(relativePath));

    /// <summary>The parameter values a .bicepparam file sets.</summary>
    public static async Task<JsonElement> ParameterValuesAsync(string relativePath) =>
        Parse(await InfraFileAsync(relativePath)).GetProperty("parameters");

    /// <summary>Compiles one file anywhere (with the bicepconfig.json found beside it), for checks of the configuration itself.</summary>
    public static async Task<ProcessResult> CompileFileAsync(string path) =>
        await ProcessRunner.RunAsync(Executable.Value, ["build", path, "--stdout"], TimeSpan.FromMinutes(2), environment: Environment);

    /// <summary>The version in the test project's PackageDownload, e.g. [0.49.2] -> 0.49.2.</summary>
    internal static string PinnedVersion()
    {
        var project = XDocument.Load(Repo.PathOf("tests", "ImageClassifier.InfraTests", "ImageClassifier.InfraTests.csproj"));
        var download = project.Descendants("PackageDownload").Single(element => (string?)element.Attribute("Include") == PackageId);
        return ((string)download.Attribute("Version")!).Trim('[', ']');
    }

    private static JsonElement Parse(BicepCompilation compilation)
    {
        if (!compilation.Succeeded)
        {
            throw new InvalidOperationException(compilation.Describe());
        }

        using var document = JsonDocument.Parse(compilation.Json!);
        return document.RootElement.Clone();
    }

    private static async Task<IReadOnlyDictionary<string, BicepCompilation>> CompileInfraAsync()
    {
        var output = Directory.CreateTempSubdirectory("bicep-infra-");
        try
        {
            var templates = await ProcessRunner.RunAsync(
                Executable.Value, ["build", "--pattern", "infra/**/*.bicep", "--outdir", Path.Combine(output.FullName, "templates")],
                TimeSpan.FromMinutes(3), environment: Environment);
            var parameters = await ProcessRunner.RunAsync(
                Executable.Value, ["build-params", "--pattern", "infra/**/*.bicepparam", "--outdir", Path.Combine(output.FullName, "parameters")],
                TimeSpan.FromMinutes(3), environment: Environment);
            var diagnostics = Diagnostics(templates.StandardError + parameters.StandardError);

            var results = new Dictionary<string, BicepCompilation>();
            foreach (var (pattern, folder) in new[] { ("*.bicep", "templates"), ("*.bicepparam", "parameters") })
            {
                foreach (var file in Directory.EnumerateFiles(Repo.Infra, pattern, SearchOption.AllDirectories))
                {
                    // --outdir keeps the folder layout below infra/ and names the output <name>.json.
                    var relative = Path.GetRelativePath(Repo.Infra, file);
                    var json = Path.Combine(output.FullName, folder, Path.ChangeExtension(relative, ".json"));
                    results[file] = new BicepCompilation(
                        file,
                        string.Join(System.Environment.NewLine, diagnostics.General.Concat(diagnostics.ByFile.GetValueOrDefault(file, []))),
                        File.Exists(json) ? await File.ReadAllTextAsync(json) : null);
                }
            }

            return results;
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static (List<string> General, Dictionary<string, List<string>> ByFile) Diagnostics(string text)
    {
        var general = new List<string>();
        var byFile = new Dictionary<string, List<string>>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = DiagnosticLine().Match(line);
            if (!match.Success)
            {
                general.Add(line);
                continue;
            }

            var file = Path.GetFullPath(match.Groups["file"].Value, Repo.Root);
            if (!byFile.TryGetValue(file, out var lines))
            {
                byFile[file] = lines = [];
            }

            if (!lines.Contains(line))
            {
                lines.Add(line);
            }
        }

        return (general, byFile);
    }

    private static string FindExecutable()
    {
        var version = PinnedVersion();
        var packages = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
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

    // e.g. /repo/infra/main.bicep(12,5) : Error no-unused-params: ...
    [GeneratedRegex(@"^(?<file>.+?\.bicep(param)?)\(\d+,\d+\) : ")]
    private static partial Regex DiagnosticLine();
}
