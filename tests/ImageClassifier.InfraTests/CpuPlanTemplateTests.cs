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
    public async Task Cpu_app_scale_takes_instance_memory_and_maximum_instances_from_parameters()
    {
        var main = await Templates.MainAsync();
        var site = await SiteAsync();

        var scale = site.Properties.GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency");

        Assert.Equal("[parameters('instanceMemoryMB')]", scale.GetProperty("instanceMemoryMB").GetString());
        Assert.Equal("[parameters('maximumInstanceCount')]", scale.GetProperty("maximumInstanceCount").GetString());
        Assert.Equal(2048, ArmTemplate.Parameter(main, "instanceMemoryMB").GetProperty("defaultValue").GetInt32());
        Assert.Contains("4096", ArmTemplate.AllowedValues(main, "instanceMemoryMB"));
    }

    [Fact]
    public async Task Http_per_instance_concurrency_comes_from_a_parameter_sized_from_the_memory_budget()
    {
        // The app admits 10 uploads of the 20 MiB limit within its 384 MiB memory budget (docs/reliability.md): Flex
        // should add an instance before one instance has more HTTP requests than that.
        var main = await Templates.MainAsync();
        var module = ArmTemplate.Module(main, "cpu-app");
        var site = await SiteAsync();

        var http = site.Properties.GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency").GetProperty("triggers").GetProperty("http");

        Assert.Equal("[parameters('httpPerInstanceConcurrency')]", http.GetProperty("perInstanceConcurrency").GetString());
        Assert.Equal(10, ArmTemplate.Parameter(main, "httpPerInstanceConcurrency").GetProperty("defaultValue").GetInt32());
        Assert.Equal(10, ArmTemplate.Parameter(ArmTemplate.ModuleTemplate(module), "httpPerInstanceConcurrency").GetProperty("defaultValue").GetInt32());
        Assert.Equal("[parameters('httpPerInstanceConcurrency')]", ArmTemplate.ModuleParameter(module, "httpPerInstanceConcurrency"));
    }

    [Fact]
    public async Task Always_ready_entries_for_the_http_group_and_the_queue_function_come_from_parameters()
    {
        // Flex scales HTTP functions as the group "http" and a queue-triggered function as "function:<name>".
        var main = await Templates.MainAsync();
        var module = ArmTemplate.Module(main, "cpu-app");
        var flex = ArmTemplate.ModuleTemplate(module);

        var scale = (await SiteAsync()).Properties.GetProperty("functionAppConfig").GetProperty("scaleAndConcurrency");
        var alwaysReady = flex.GetProperty("variables").GetProperty("alwaysReady").GetString()!;

        Assert.Equal("[variables('alwaysReady')]", scale.GetProperty("alwaysReady").GetString());
        Assert.Contains("createObject('name', 'http', 'instanceCount', parameters('alwaysReadyHttpInstances'))", alwaysReady);
        Assert.Contains("createObject('name', format('function:{0}', parameters('blobFunctionName')), 'instanceCount', parameters('alwaysReadyBlobFunctionInstances'))", alwaysReady);
        // A zero count is left out rather than sent as an entry.
        Assert.Contains("greater(lambdaVariables('group').instanceCount, 0)", alwaysReady);
        Assert.Equal("ClassifyBlob", Templates.Resolve(main, ArmTemplate.ModuleParameter(module, "blobFunctionName")));
        Assert.Equal("[parameters('alwaysReadyHttpInstances')]", ArmTemplate.ModuleParameter(module, "alwaysReadyHttpInstances"));
        Assert.Equal("[parameters('alwaysReadyBlobFunctionInstances')]", ArmTemplate.ModuleParameter(module, "alwaysReadyBlobFunctionInstances"));
        Assert.Equal(0, ArmTemplate.Parameter(main, "alwaysReadyHttpInstances").GetProperty("defaultValue").GetInt32());
        Assert.Equal(0, ArmTemplate.Parameter(main, "alwaysReadyBlobFunctionInstances").GetProperty("defaultValue").GetInt32());
    }

    [Theory]
    [InlineData("infra/dev.bicepparam", "alwaysReadyHttpInstances", 0)]
    [InlineData("infra/dev.bicepparam", "alwaysReadyBlobFunctionInstances", 0)]
    [InlineData("infra/prod.bicepparam", "alwaysReadyHttpInstances", 1)]
    [InlineData("infra/prod.bicepparam", "alwaysReadyBlobFunctionInstances", 1)]
    public async Task Always_ready_instances_are_one_per_group_in_prod_and_zero_in_dev(string parameterFile, string parameter, int expected)
    {
        var values = await BicepCli.ParameterValuesAsync(parameterFile);

        Assert.Equal(expected, values.GetProperty(parameter).GetProperty("value").GetInt32());
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
        Assert.Equal("[parameters('imageEventsQueueName')]", settings["ImageEventsQueue"]);
        // Warming is the platform's job (always-ready instances), not a timer's: no keep-warm settings remain.
        Assert.DoesNotContain(settings.Keys, key => key.StartsWith("KeepWarm", StringComparison.Ordinal));
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
