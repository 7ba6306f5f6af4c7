using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class ParametersTemplateTests
{
    [Fact]
    public async Task Plans_parameter_offers_cpu_gpu_and_both()
    {
        var main = await Templates.MainAsync();

        Assert.Equal(["cpu", "gpu", "both"], ArmTemplate.AllowedValues(main, "plans"));
        Assert.Equal("[not(equals(parameters('plans'), 'gpu'))]", main.GetProperty("variables").GetProperty("deployCpu").GetString());
        Assert.Equal("[not(equals(parameters('plans'), 'cpu'))]", main.GetProperty("variables").GetProperty("deployGpu").GetString());
        Assert.Equal("[variables('deployCpu')]", ArmTemplate.Module(main, "cpu-app").Condition);
    }

    [Fact]
    public async Task Every_parameter_of_every_module_has_a_description()
    {
        var root = await Templates.MainAsync();
        var templates = ArmTemplate.Resources(root)
            .Where(r => r.Type == ArmTemplate.DeploymentType)
            .Select(ArmTemplate.ModuleTemplate)
            .Prepend(root);

        var undocumented = templates
            .SelectMany(t => t.GetProperty("parameters").EnumerateObject())
            .Where(p => !p.Value.TryGetProperty("metadata", out var metadata) || !metadata.TryGetProperty("description", out _))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(undocumented);
    }

    [Theory]
    [InlineData("functionAppUrl")]
    [InlineData("gpuAppUrl")]
    [InlineData("storageAccountName")]
    [InlineData("registryLoginServer")]
    [InlineData("identityClientId")]
    [InlineData("systemTopicName")]
    [InlineData("imageEventsQueueName")]
    [InlineData("deadLetterContainerName")]
    [InlineData("eventSubscriptionName")]
    public async Task Main_template_outputs(string output)
    {
        var main = await Templates.MainAsync();

        Assert.True(main.GetProperty("outputs").TryGetProperty(output, out _), $"main.bicep has no output {output}");
    }

    [Theory]
    [InlineData("infra/dev.bicepparam", "dev", "cpu")]
    [InlineData("infra/prod.bicepparam", "prod", "both")]
    public async Task Parameter_file_names_its_environment_and_plans(string parameterFile, string environment, string plans)
    {
        var values = await BicepCli.ParameterValuesAsync(parameterFile);

        Assert.Equal(environment, values.GetProperty("environmentName").GetProperty("value").GetString());
        Assert.Equal(plans, values.GetProperty("plans").GetProperty("value").GetString());
        Assert.Equal(string.Empty, values.GetProperty("gpuContainerImage").GetProperty("value").GetString());
    }
}
