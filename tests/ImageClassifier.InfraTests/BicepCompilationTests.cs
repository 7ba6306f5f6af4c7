using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class BicepCompilationTests
{
    public static TheoryData<string> BicepFiles() => new(InfraFiles());

    private static IEnumerable<string> InfraFiles() =>
        Directory.EnumerateFiles(Repo.Infra, "*.bicep", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Repo.Infra, "*.bicepparam", SearchOption.AllDirectories))
            .Select(Repo.Relative)
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Bicep_file_compiles_without_any_diagnostic(string relativePath)
    {
        var compilation = await BicepCli.InfraFileAsync(relativePath);

        Assert.True(compilation.Succeeded, compilation.Describe());
    }

    [Fact]
    public void Infra_has_one_entry_point_modules_and_a_parameter_file_per_environment()
    {
        var files = InfraFiles().ToHashSet();

        Assert.Contains("infra/main.bicep", files);
        // One entry point since blob events go to a queue: no second, post-code deployment.
        Assert.DoesNotContain("infra/events.bicep", files);
        Assert.Contains("infra/dev.bicepparam", files);
        Assert.Contains("infra/prod.bicepparam", files);
        Assert.True(files.Count(file => file.StartsWith("infra/modules/", StringComparison.Ordinal)) >= 6, string.Join(", ", files));
    }

    [Fact]
    public void Linter_configuration_turns_every_configured_rule_into_an_error()
    {
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Infra, "bicepconfig.json")));
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        var rules = core.GetProperty("rules").EnumerateObject().ToList();

        Assert.True(core.GetProperty("enabled").GetBoolean());
        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.Equal("error", rule.Value.GetProperty("level").GetString()));
        Assert.Contains(rules, rule => rule.Name == "no-hardcoded-env-urls");
        Assert.Contains(rules, rule => rule.Name == "outputs-should-not-contain-secrets");
    }

    [Fact]
    public async Task Bicep_config_makes_a_linter_warning_fail_the_build()
    {
        // A file with an unused parameter next to the real config: the same rule that is only a
        // warning by default must stop the build here, or the zero-warning check above proves nothing.
        var directory = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            File.Copy(Path.Combine(Repo.Infra, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var file = Path.Combine(directory.FullName, "unused.bicep");
            await File.WriteAllTextAsync(file, "param unused string = 'x'\n");

            var result = await BicepCli.CompileFileAsync(file);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("Error no-unused-params", result.StandardError);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
