using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class StorageTemplateTests
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";

    [Fact]
    public async Task Storage_account_forbids_shared_key_access()
    {
        var main = await Templates.MainAsync();

        var account = ArmTemplate.Single(main, StorageAccounts);

        Assert.False(account.Properties.GetProperty("allowSharedKeyAccess").GetBoolean());
    }

    [Fact]
    public async Task Storage_account_is_general_purpose_v2_with_tls_1_2_https_only_and_no_public_blobs()
    {
        var main = await Templates.MainAsync();

        var account = ArmTemplate.Single(main, StorageAccounts);

        Assert.Equal("StorageV2", account.Json.GetProperty("kind").GetString());
        Assert.Equal("TLS1_2", account.Properties.GetProperty("minimumTlsVersion").GetString());
        Assert.True(account.Properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.False(account.Properties.GetProperty("allowBlobPublicAccess").GetBoolean());
    }

    [Fact]
    public async Task Storage_holds_the_deployment_package_container_the_images_container_and_the_labels_table()
    {
        var main = await Templates.MainAsync();
        var module = ArmTemplate.Module(main, "storage");
        var storage = ArmTemplate.ModuleTemplate(module);

        var containers = ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => c.Name).ToList();
        var tables = ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name).ToList();

        Assert.Equal("images", Templates.Resolve(main, ArmTemplate.ModuleParameter(module, "imagesContainerName")));
        Assert.Equal("ImageLabels", Templates.Resolve(main, ArmTemplate.ModuleParameter(module, "labelsTableName")));
        Assert.Equal("app-package", Templates.Resolve(main, ArmTemplate.ModuleParameter(module, "deploymentContainerName")));
        Assert.Contains(containers, name => name.Contains("parameters('imagesContainerName')", StringComparison.Ordinal));
        Assert.Contains(containers, name => name.Contains("parameters('deploymentContainerName')", StringComparison.Ordinal));
        Assert.Contains(tables, name => name.Contains("parameters('labelsTableName')", StringComparison.Ordinal));
        Assert.All(
            ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers"),
            container => Assert.Equal("None", container.Properties.GetProperty("publicAccess").GetString()));
    }

    [Fact]
    public async Task Log_analytics_and_application_insights_are_deployed_with_local_auth_off()
    {
        var main = await Templates.MainAsync();

        var workspace = ArmTemplate.Single(main, "Microsoft.OperationalInsights/workspaces");
        var insights = ArmTemplate.Single(main, "Microsoft.Insights/components");

        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.Properties.GetProperty("WorkspaceResourceId").GetString());
        Assert.True(insights.Properties.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Equal("PerGB2018", workspace.Properties.GetProperty("sku").GetProperty("name").GetString());
    }
}
