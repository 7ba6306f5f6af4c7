using System.Text.Json;

namespace ImageClassifier.InfraTests.Support;

/// <summary>
/// Publishes the function app once for linux-x64, framework-dependent, as the deploy workflow does, and keeps what the
/// checks need: the file list and functions.metadata. The temporary folders go when the tests are done.
/// </summary>
public sealed class PublishFixture : IAsyncLifetime
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("imgcls-publish-");

    internal ProcessResult Result { get; private set; } = new(-1, string.Empty, "not run");

    internal IReadOnlySet<string> Files { get; private set; } = new HashSet<string>();

    /// <summary>The publish folder, for checks that read a file's contents.</summary>
    internal string Output => Path.Combine(work.FullName, "publish");

    internal JsonElement Metadata { get; private set; }

    public async Task InitializeAsync()
    {
        var output = Output;
        var model = PackagedModel();

        // A separate artifacts path keeps this build out of the working tree's bin/ and obj/, which other test
        // projects may be using; no node reuse or compiler server, so no process outlives the publish.
        Result = await ProcessRunner.RunAsync(
            "dotnet",
            [
                "publish", Repo.PathOf("functions", "ImageClassifier.Functions", "ImageClassifier.Functions.csproj"),
                "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                "-o", output, "--artifacts-path", Path.Combine(work.FullName, "artifacts"), $"-p:PackagedModelDirectory={model}",
                "-nodeReuse:false", "-p:UseSharedCompilation=false", "--nologo",
            ],
            TimeSpan.FromMinutes(8),
            environment: new Dictionary<string, string>
            {
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            });

        if (Result.ExitCode != 0)
        {
            return;
        }

        Files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(output, file).Replace('\\', '/'))
            .ToHashSet();
        var metadata = Path.Combine(output, "functions.metadata");
        if (File.Exists(metadata))
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(metadata));
            Metadata = document.RootElement.Clone();
        }
    }

    // A model folder as the deploy workflow leaves it: the graph, labels, and an optimised copy that must not ship.
    private string PackagedModel()
    {
        var model = Directory.CreateDirectory(Path.Combine(work.FullName, "model")).FullName;
        File.WriteAllText(Path.Combine(model, "model.onnx"), "graph");
        File.WriteAllText(Path.Combine(model, "labels.txt"), "cat\ndog\n");
        var optimized = Directory.CreateDirectory(Path.Combine(model, ".optimized")).FullName;
        File.WriteAllText(Path.Combine(optimized, "0123456789abcdef-ort1.31.1-cpu-extended.onnx"), "optimised graph");
        return model;
    }

    public Task DisposeAsync()
    {
        work.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
