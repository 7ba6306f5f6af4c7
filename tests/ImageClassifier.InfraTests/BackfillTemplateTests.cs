using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>
/// The backfill's storage and settings (docs/backfill.md): the jobs table and both queues with their poison queues,
/// the same names in both apps' settings (the app's BackfillOptions defaults), storage roles that cover them, and no
/// always-ready instances for the backfill functions, which Flex scales on their own instances from zero.
/// </summary>
public sealed class BackfillTemplateTests
{
    [Fact]
    public async Task Backfill_names_are_the_apps_defaults()
    {
        var main = await Templates.MainAsync();

        var backfill = main.GetProperty("variables").GetProperty("backfill");

        Assert.Equal("BackfillJobs", backfill.GetProperty("table").GetString());
        Assert.Equal("backfill-pages", backfill.GetProperty("pagesQueue").GetString());
        Assert.Equal("backfill-items", backfill.GetProperty("itemsQueue").GetString());
        Assert.All(["storage", "cpu-app", "gpu-app"], module => Assert.Equal("[variables('backfill')]", ArmTemplate.ModuleParameter(ArmTemplate.Module(main, module), "backfill")));
    }

    [Fact]
    public async Task Storage_creates_the_jobs_table_and_both_backfill_queues_with_their_poison_queues()
    {
        var storage = ArmTemplate.ModuleTemplate(ArmTemplate.Module(await Templates.MainAsync(), "storage"));

        var queues = ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.Json.GetRawText()).ToList();
        var tables = ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name).ToList();

        var loop = Assert.Single(queues, q => q.Contains("parameters('backfill')", StringComparison.Ordinal));
        Assert.Contains("createArray(parameters('backfill').pagesQueue, format('{0}-poison', parameters('backfill').pagesQueue), parameters('backfill').itemsQueue, format('{0}-poison', parameters('backfill').itemsQueue))", loop);
        Assert.Contains(tables, name => name.Contains("parameters('backfill').table", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Both_apps_name_the_backfill_table_and_queues_in_their_settings()
    {
        var main = await Templates.MainAsync();
        var flex = ArmTemplate.Single(main, "Microsoft.Web/sites/config").Properties;
        var gpu = Templates.ContainerEnv(ArmTemplate.Single(main, "Microsoft.App/containerApps"));

        foreach (var (setting, field) in new[] { ("BackfillTable", "table"), ("BackfillPagesQueue", "pagesQueue"), ("BackfillItemsQueue", "itemsQueue") })
        {
            Assert.Equal($"[parameters('backfill').{field}]", flex.GetProperty(setting).GetString());
            Assert.Equal($"[parameters('backfill').{field}]", gpu[setting]);
        }
    }

    [Fact]
    public async Task Queue_and_table_data_roles_are_granted_on_the_whole_account_so_they_cover_the_backfill()
    {
        var roles = ArmTemplate.ModuleTemplate(ArmTemplate.Module(await Templates.MainAsync(), "roles"));

        var storageRoles = Assert.Single(ArmTemplate.OfType(roles, "Microsoft.Authorization/roleAssignments"), r => r.Json.GetRawText().Contains("storageRoles", StringComparison.Ordinal));
        var granted = roles.GetProperty("variables").GetProperty("storageRoles").GetRawText();

        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", storageRoles.Json.GetProperty("scope").GetString());
        Assert.Contains("storageQueueDataContributor", granted);
        Assert.Contains("storageTableDataContributor", granted);
    }

    [Fact]
    public async Task Backfill_functions_have_no_always_ready_instances()
    {
        var flex = ArmTemplate.ModuleTemplate(ArmTemplate.Module(await Templates.MainAsync(), "cpu-app"));

        var alwaysReady = flex.GetProperty("variables").GetProperty("alwaysReady").GetString()!;

        Assert.DoesNotContain("Backfill", alwaysReady, StringComparison.OrdinalIgnoreCase);
    }
}
