using System.Text.Json;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class CpuPlanTemplateTests
{
    [Fact]
    public async Task Cpu_plan_is_flex_consumption_fc1_on_linux()
    {
        var main = await Templates.MainAsync();

        var plan = ArmTemplate.Single(main, "Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Json.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.Json.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.Properties.GetProperty("reserved").GetBoolean());
    }

    [Fact]
    public async Task Cpu_app_runs_dotnet_isolated_10()
    {
        var site = await SiteAsync();

        var runtime = site.Properties.GetProperty("functionAppConfig").GetProperty("runtime");

        Assert.Equal("functionapp,linux", site.Json.GetProperty("kind").GetString());
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Cpu_app_scale_takes_instance_memory_maximum_instances_and_always_ready_http_instances()
    {
        var main = await Templates.MainAsync();
        var site = await SiteAsync();

        var scale = site.Properties.GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency");
        var alwaysReady = scale.GetProperty("alwaysReady").GetString()!;

        Assert.Equal("[parameters('instanceMemoryMB')]", scale.GetProperty("instanceMemoryMB").GetString());
        Assert.Equal("[parameters('maximumInstanceCount')]", scale.GetProperty("maximumInstanceCount").GetString());
        Assert.Contains("'name', 'http'", alwaysReady);
        Assert.Contains("parameters('alwaysReadyHttpInstances')", alwaysReady);
        Assert.Equal(2048, ArmTemplate.Parameter(main, "instanceMemoryMB").GetProperty("defaultValue").GetInt32());
        Assert.Contains("4096", ArmTemplate.AllowedValues(main, "instanceMemoryMB"));
    }

    [Theory]
    [InlineData("infra/dev.bicepparam", 0)]
    [InlineData("infra/prod.bicepparam", 1)]
    public async Task Always_ready_http_instances_are_one_in_prod_and_zero_in_dev(string parameterFile, int expected)
    {
        var values = await BicepCli.ParameterValuesAsync(parameterFile);

        Assert.Equal(expected, values.GetProperty("alwaysReadyHttpInstances").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Cpu_app_reads_its_package_with_the_user_assigned_identity()
    {
        var site = await SiteAsync();

        var storage = site.Properties.GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");

        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());
        Assert.Contains("parameters('deploymentContainerName')", storage.GetProperty("value").GetString());
        Assert.Equal("UserAssigned", site.Json.GetProperty("identity").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Cpu_app_connects_to_storage_by_managed_identity()
    {
        var settings = await AppSettingsAsync();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("clientId", settings["AzureWebJobsStorage__clientId"]);
        Assert.Contains("primaryEndpoints.blob", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Contains("primaryEndpoints.queue", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Contains("primaryEndpoints.table", settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
    }

    [Fact]
    public async Task Cpu_app_leaves_out_the_settings_flex_consumption_rejects()
    {
        var settings = await AppSettingsAsync();

        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public async Task Cpu_app_gets_application_insights_and_the_classifier_settings()
    {
        var settings = await AppSettingsAsync();

        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("cpu", settings["Classifier__ExecutionProvider"]);
        Assert.Equal("[parameters('imagesContainerName')]", settings["ImagesContainer"]);
        Assert.Equal("[parameters('labelsTableName')]", settings["LabelsTable"]);
        Assert.Equal("[parameters('keepWarmSchedule')]", settings["KeepWarmSchedule"]);
        Assert.Equal("[if(equals(parameters('alwaysReadyHttpInstances'), 0), 'true', 'false')]", settings["KeepWarmEnabled"]);
    }

    private static async Task<ArmResource> SiteAsync() =>
        ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.Web/sites");

    private static async Task<Dictionary<string, string>> AppSettingsAsync()
    {
        var config = ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.Web/sites/config");
        Assert.EndsWith("'appsettings')]", config.Name);
        Assert.Equal(JsonValueKind.Object, config.Properties.ValueKind);
        return config.Properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
    }
}
