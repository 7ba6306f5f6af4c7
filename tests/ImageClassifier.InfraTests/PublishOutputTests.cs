using System.Text.Json;
using System.Text.RegularExpressions;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>
/// The package the deploy workflow sends to Flex Consumption, and the contract between its bindings and the Bicep:
/// function names, routes, auth levels and every app setting a binding names.
/// </summary>
public sealed partial class PublishOutputTests(PublishFixture publish) : IClassFixture<PublishFixture>
{
    [Fact]
    public void Linux_x64_publish_contains_native_onnx_runtime_and_skiasharp_and_the_host_files()
    {
        // Missing native libraries after publish is the classic failure (onnxruntime #8162, host #5876).
        AssertPublished();

        Assert.Contains("libonnxruntime.so", publish.Files);
        Assert.Contains("libSkiaSharp.so", publish.Files);
        Assert.Contains("host.json", publish.Files);
        Assert.Contains("functions.metadata", publish.Files);
        Assert.Contains("ImageClassifier.Functions.dll", publish.Files);
    }

    [Fact]
    public void Package_carries_one_copy_of_the_weights_and_nothing_the_instance_does_not_read()
    {
        AssertPublished();

        // model.onnx only: the optimised copy would double the package (docs/performance.md, "Cold start").
        Assert.Contains("models/resnet18/model.onnx", publish.Files);
        Assert.Contains("models/resnet18/labels.txt", publish.Files);
        Assert.Equal(["models/resnet18/model.onnx"], publish.Files.Where(f => f.EndsWith(".onnx", StringComparison.Ordinal)));
        // The host runs "dotnet ImageClassifier.Functions.dll"; XML docs are for the IDE.
        Assert.DoesNotContain("ImageClassifier.Functions", publish.Files);
        Assert.DoesNotContain(publish.Files, f => f.EndsWith(".xml", StringComparison.Ordinal));
    }

    [Fact]
    public void App_and_its_package_assemblies_ship_precompiled_ReadyToRun()
    {
        AssertPublished();

        // Microsoft's cold-start advice for isolated-worker apps (docs/cold-start.md); a ReadyToRun image carries a
        // managed native header, which a plain IL assembly does not. The app's own code and a package it calls first.
        Assert.All(["ImageClassifier.Functions.dll", "ImageClassifier.dll", "Azure.Data.Tables.dll", "Microsoft.Azure.Functions.Worker.Core.dll"], assembly =>
        {
            using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(publish.Output, assembly)));
            Assert.True(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is IL only");
        });
    }

    [Fact]
    public void Native_libraries_ship_without_full_symbol_tables_but_keep_their_dynamic_symbols()
    {
        AssertPublished();

        // libSkiaSharp.so comes with a 2 MB symbol table; stripping it keeps the package under 80 MB zipped.
        var libraries = publish.Files.Where(f => f.EndsWith(".so", StringComparison.Ordinal)).ToList();
        Assert.Contains("libSkiaSharp.so", libraries);
        Assert.All(libraries, library =>
        {
            var types = ElfSections.Types(Path.Combine(publish.Output, library));
            Assert.DoesNotContain(ElfSections.SymbolTable, types);
            Assert.Contains(ElfSections.DynamicSymbolTable, types);
        });
    }

    [Fact]
    public void Query_acceleration_dependency_is_neither_shipped_nor_listed_in_the_dependency_manifest()
    {
        AssertPublished();

        // The .NET host refuses to start an app whose deps.json lists an assembly that is not there, so the exclusion
        // must reach the manifest, not only the folder.
        Assert.DoesNotContain("Apache.Arrow.dll", publish.Files);
        var manifest = File.ReadAllText(Path.Combine(publish.Output, "ImageClassifier.Functions.deps.json"));
        Assert.DoesNotContain("Apache.Arrow.dll", manifest, StringComparison.Ordinal);
        Assert.Contains("Azure.Storage.Blobs.dll", publish.Files);
    }

    [Fact]
    public void Functions_the_infrastructure_calls_exist_with_the_expected_triggers()
    {
        AssertPublished();

        var blob = Trigger("ClassifyBlob");
        var health = Trigger("Health");
        var classify = Trigger("Classify");

        // Event Grid delivers BlobCreated events to the queue named by ImageEventsQueue; ClassifyBlob drains it.
        Assert.Equal("queueTrigger", blob.GetProperty("type").GetString());
        Assert.Equal("%ImageEventsQueue%", blob.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", blob.GetProperty("connection").GetString());
        // The probes and the smoke test call /api/health without a key.
        Assert.Equal("health", health.GetProperty("route").GetString());
        Assert.Equal("Anonymous", health.GetProperty("authLevel").GetString());
        // The smoke test posts with a function key.
        Assert.Equal("classify", classify.GetProperty("route").GetString());
        Assert.Equal("Function", classify.GetProperty("authLevel").GetString());
        Assert.Contains("post", classify.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Every_app_setting_a_binding_names_is_set_on_both_plans()
    {
        AssertPublished();
        var main = await Templates.MainAsync();

        var named = SettingReference().Matches(publish.Metadata.GetRawText()).Select(m => m.Groups["name"].Value).Distinct().ToList();
        var connections = publish.Metadata.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray())
            .Where(binding => binding.TryGetProperty("connection", out _))
            .Select(binding => binding.GetProperty("connection").GetString()!)
            .Distinct()
            .ToList();
        var cpuSettings = ArmTemplate.Single(main, "Microsoft.Web/sites/config").Properties.EnumerateObject().Select(p => p.Name).ToList();
        var gpuSettings = Templates.ContainerEnv(ArmTemplate.Single(main, "Microsoft.App/containerApps")).Keys.ToList();

        Assert.NotEmpty(named);
        foreach (var settings in new[] { cpuSettings, gpuSettings })
        {
            Assert.All(named, name => Assert.Contains(name, settings));
            // Identity-based connections: <connection>__credential with the service URIs, never a connection string.
            Assert.All(connections, connection => Assert.Contains($"{connection}__credential", settings));
        }
    }

    private void AssertPublished() => Assert.True(publish.Result.ExitCode == 0, publish.Result.Describe("dotnet publish"));

    private JsonElement Trigger(string functionName)
    {
        var function = publish.Metadata.EnumerateArray().SingleOrDefault(f => f.GetProperty("name").GetString() == functionName);
        Assert.True(function.ValueKind == JsonValueKind.Object, $"functions.metadata has no function {functionName}");
        return function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
