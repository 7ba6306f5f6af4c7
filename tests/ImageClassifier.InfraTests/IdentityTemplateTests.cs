using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class IdentityTemplateTests
{
    private const string RoleAssignments = "Microsoft.Authorization/roleAssignments";

    [Theory]
    [InlineData("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "roles")]
    [InlineData("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "roles")]
    [InlineData("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "roles")]
    [InlineData("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "roles")]
    [InlineData("AcrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d", "registry")]
    public async Task Apps_identity_is_granted_the_role(string role, string roleDefinitionId, string moduleName)
    {
        var module = ArmTemplate.ModuleTemplate(ArmTemplate.Module(await Templates.MainAsync(), moduleName));

        var assignments = ArmTemplate.OfType(module, RoleAssignments).ToList();
        var moduleText = module.GetRawText();

        Assert.NotEmpty(assignments);
        Assert.True(moduleText.Contains(roleDefinitionId, StringComparison.OrdinalIgnoreCase), $"{role} ({roleDefinitionId}) is not assigned in module {moduleName}");
        Assert.All(assignments, assignment =>
        {
            Assert.Contains("Microsoft.Authorization/roleDefinitions", assignment.Properties.GetProperty("roleDefinitionId").GetString());
            Assert.Contains("userAssignedIdentities", assignment.Properties.GetProperty("principalId").GetString());
            Assert.Equal("ServicePrincipal", assignment.Properties.GetProperty("principalType").GetString());
        });
    }

    [Fact]
    public async Task Every_role_assignment_is_named_by_guid()
    {
        var assignments = ArmTemplate.OfType(await Templates.MainAsync(), RoleAssignments).ToList();

        // The apps' storage roles (one loop), Monitoring Metrics Publisher, AcrPull, and the event topic's two delivery roles.
        Assert.Equal(5, assignments.Count);
        Assert.All(assignments, assignment => Assert.StartsWith("[guid(", assignment.Name));
    }

    [Fact]
    public async Task Both_apps_run_as_the_one_user_assigned_identity()
    {
        var main = await Templates.MainAsync();

        var identities = ArmTemplate.OfType(main, "Microsoft.ManagedIdentity/userAssignedIdentities").ToList();
        var site = ArmTemplate.Single(main, "Microsoft.Web/sites");
        var containerApp = ArmTemplate.Single(main, "Microsoft.App/containerApps");

        Assert.Single(identities);
        Assert.Equal("UserAssigned", site.Json.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("UserAssigned", containerApp.Json.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal(
            ArmTemplate.ModuleParameter(ArmTemplate.Module(main, "cpu-app"), "identityName"),
            ArmTemplate.ModuleParameter(ArmTemplate.Module(main, "gpu-app"), "identityName"));
    }
}
