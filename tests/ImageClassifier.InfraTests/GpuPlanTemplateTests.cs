using System.Text.Json;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class GpuPlanTemplateTests
{
    private const string T4Profile = "Consumption-GPU-NC8as-T4";
    private const string A100Profile = "Consumption-GPU-NC24-A100";

    [Fact]
    public async Task Gpu_type_parameter_maps_t4_and_a100_to_serverless_gpu_profiles_with_their_cpu_and_memory()
    {
        var main = await Templates.MainAsync();

        var profiles = main.GetProperty("variables").GetProperty("gpuProfiles");

        Assert.Equal(["T4", "A100"], ArmTemplate.AllowedValues(main, "gpuType"));
        AssertProfile(profiles.GetProperty("T4"), T4Profile, 8, "56Gi");
        AssertProfile(profiles.GetProperty("A100"), A100Profile, 24, "220Gi");
    }

    [Fact]
    public async Task Container_apps_environment_has_a_consumption_profile_and_a_serverless_gpu_profile()
    {
        var main = await Templates.MainAsync();
        var module = ArmTemplate.Module(main, "gpu-environment");
        var environment = ArmTemplate.Single(ArmTemplate.ModuleTemplate(module), "Microsoft.App/managedEnvironments");

        var profiles = environment.Properties.GetProperty("workloadProfiles").EnumerateArray().ToList();

        Assert.Contains(profiles, p => p.GetProperty("workloadProfileType").GetString() == "Consumption");
        Assert.Contains(profiles, p => p.GetProperty("workloadProfileType").GetString() == "[parameters('gpuProfileType')]"
                                       && p.GetProperty("name").GetString() == "[parameters('gpuProfileName')]");
        Assert.Equal([T4Profile, A100Profile], ArmTemplate.AllowedValues(ArmTemplate.ModuleTemplate(module), "gpuProfileType"));
        Assert.Equal("[variables('gpuProfiles')[parameters('gpuType')].type]", ArmTemplate.ModuleParameter(module, "gpuProfileType"));
    }

    [Fact]
    public async Task Gpu_app_is_a_container_app_of_kind_functionapp_on_the_gpu_profile()
    {
        var main = await Templates.MainAsync();
        var appModule = ArmTemplate.Module(main, "gpu-app");
        var environmentModule = ArmTemplate.Module(main, "gpu-environment");

        var app = await GpuAppAsync();

        Assert.Equal("functionapp", app.Json.GetProperty("kind").GetString());
        Assert.Equal("[parameters('workloadProfileName')]", app.Properties.GetProperty("workloadProfileName").GetString());
        Assert.Equal(
            ArmTemplate.ModuleParameter(environmentModule, "gpuProfileName"),
            ArmTemplate.ModuleParameter(appModule, "workloadProfileName"));
        Assert.Equal("[variables('deployGpu')]", appModule.Condition);
    }

    [Fact]
    public async Task Gpu_app_container_takes_the_cpu_and_memory_of_the_chosen_profile()
    {
        var main = await Templates.MainAsync();
        var appModule = ArmTemplate.Module(main, "gpu-app");

        var resources = Container(await GpuAppAsync()).GetProperty("resources");

        Assert.Equal("[parameters('cpu')]", resources.GetProperty("cpu").GetString());
        Assert.Equal("[parameters('memory')]", resources.GetProperty("memory").GetString());
        Assert.Equal("[variables('gpuProfiles')[parameters('gpuType')].cpu]", ArmTemplate.ModuleParameter(appModule, "cpu"));
        Assert.Equal("[variables('gpuProfiles')[parameters('gpuType')].memory]", ArmTemplate.ModuleParameter(appModule, "memory"));
    }

    [Fact]
    public async Task Gpu_app_min_replicas_is_zero_to_scale_to_zero_or_one_to_stay_warm()
    {
        var main = await Templates.MainAsync();
        var app = await GpuAppAsync();

        var scale = app.Properties.GetProperty("template").GetProperty("scale");

        Assert.Equal(["0", "1"], ArmTemplate.AllowedValues(main, "gpuMinReplicas"));
        Assert.Equal("[parameters('minReplicas')]", scale.GetProperty("minReplicas").GetString());
    }

    [Fact]
    public async Task Gpu_app_probes_the_health_endpoint_at_startup_readiness_and_liveness_on_the_port_it_serves()
    {
        // /api/health answers 503 until the model is warm, so readiness keeps traffic off a replica that is still loading.
        var gpuTemplate = ArmTemplate.ModuleTemplate(ArmTemplate.Module(await Templates.MainAsync(), "gpu-app"));
        var app = await GpuAppAsync();
        var container = Container(app);
        var targetPort = app.Properties.GetProperty("configuration").GetProperty("ingress").GetProperty("targetPort").GetInt32();

        var probes = gpuTemplate.GetProperty("variables").GetProperty("probes").EnumerateArray().ToList();

        Assert.Equal("[if(variables('usePlaceholder'), createArray(), variables('probes'))]", container.GetProperty("probes").GetString());
        Assert.Equal(["Startup", "Readiness", "Liveness"], probes.Select(p => p.GetProperty("type").GetString()));
        Assert.All(probes, probe =>
        {
            var httpGet = probe.GetProperty("httpGet");
            Assert.Equal("/api/health", Templates.Resolve(gpuTemplate, httpGet.GetProperty("path").GetString()!));
            Assert.Equal(targetPort, httpGet.GetProperty("port").GetInt32());
        });
    }

    [Fact]
    public async Task Container_apps_names_are_lower_case_whatever_the_app_name()
    {
        var main = await Templates.MainAsync();
        var names = main.GetProperty("variables").GetProperty("names");

        Assert.StartsWith("[toLower(", names.GetProperty("containerEnvironment").GetString());
        Assert.StartsWith("[toLower(", names.GetProperty("gpuApp").GetString());
        Assert.Equal("[variables('names').containerEnvironment]", ArmTemplate.ModuleParameter(ArmTemplate.Module(main, "gpu-environment"), "name"));
        Assert.Equal("[variables('names').gpuApp]", ArmTemplate.ModuleParameter(ArmTemplate.Module(main, "gpu-app"), "name"));
    }

    [Fact]
    public async Task Gpu_app_keeps_function_keys_in_blob_storage_and_reads_blob_events_from_the_queue()
    {
        var main = await Templates.MainAsync();
        var appModule = ArmTemplate.Module(main, "gpu-app");

        var env = Templates.ContainerEnv(await GpuAppAsync());

        // Per-replica keys vanish on scale to zero; blob keeps them in the storage account the identity can reach.
        Assert.Equal("blob", env["AzureWebJobsSecretStorageType"]);
        Assert.Equal("[parameters('imageEventsQueueName')]", env["ImageEventsQueue"]);
        Assert.Equal("image-events", Templates.Resolve(main, ArmTemplate.ModuleParameter(appModule, "imageEventsQueueName")));
        Assert.Equal(ArmTemplate.ModuleParameter(ArmTemplate.Module(main, "cpu-app"), "imageEventsQueueName"), ArmTemplate.ModuleParameter(appModule, "imageEventsQueueName"));
    }

    [Fact]
    public async Task Gpu_app_selects_the_cuda_execution_provider_and_the_baked_in_model()
    {
        var main = await Templates.MainAsync();
        var appModule = ArmTemplate.Module(main, "gpu-app");

        var env = Templates.ContainerEnv(await GpuAppAsync());

        Assert.Equal("cuda", env["Classifier__ExecutionProvider"]);
        Assert.Equal("[parameters('modelDirectory')]", env["Classifier__ModelDirectory"]);
        Assert.Equal("/home/site/wwwroot/models/resnet18", Templates.Resolve(main, ArmTemplate.ModuleParameter(appModule, "modelDirectory")));
        Assert.DoesNotContain(env.Keys, key => key.StartsWith("KeepWarm", StringComparison.Ordinal));
        Assert.Equal("dotnet-isolated", env["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", env["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal("managedidentity", env["AzureWebJobsStorage__credential"]);
        Assert.Contains("ConnectionString", env["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public async Task Gpu_app_pulls_from_the_registry_with_its_identity_and_serves_external_https_on_port_80()
    {
        var app = await GpuAppAsync();
        var configuration = app.Properties.GetProperty("configuration");

        var registry = configuration.GetProperty("registries")[0];
        var ingress = configuration.GetProperty("ingress");

        Assert.Contains("userAssignedIdentities", registry.GetProperty("identity").GetString());
        Assert.False(registry.TryGetProperty("passwordSecretRef", out _));
        Assert.True(ingress.GetProperty("external").GetBoolean());
        Assert.False(ingress.GetProperty("allowInsecure").GetBoolean());
        Assert.Equal(80, ingress.GetProperty("targetPort").GetInt32());
    }

    [Fact]
    public async Task Registry_keeps_the_admin_user_off()
    {
        var registry = ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.ContainerRegistry/registries");

        Assert.False(registry.Properties.GetProperty("adminUserEnabled").GetBoolean());
    }

    [Fact]
    public async Task Registry_retains_untagged_manifests_for_a_bounded_time_where_the_tier_allows_it()
    {
        // The retention policy exists on Premium only; on other tiers the policy block stays empty.
        var registry = ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.ContainerRegistry/registries");

        var policies = registry.Properties.GetProperty("policies").GetString()!;

        Assert.StartsWith("[if(equals(parameters('sku'), 'Premium'), createObject('retentionPolicy', createObject('status', 'enabled', 'days', parameters('untaggedRetentionDays')))", policies);
        Assert.EndsWith("createObject())]", policies);
    }

    private static void AssertProfile(JsonElement profile, string type, int cpu, string memory)
    {
        Assert.Equal(type, profile.GetProperty("type").GetString());
        Assert.Equal(cpu, profile.GetProperty("cpu").GetInt32());
        Assert.Equal(memory, profile.GetProperty("memory").GetString());
    }

    private static JsonElement Container(ArmResource app) =>
        app.Properties.GetProperty("template").GetProperty("containers").EnumerateArray().Single();

    private static async Task<ArmResource> GpuAppAsync() =>
        ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.App/containerApps");
}
