using System.Text.RegularExpressions;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>docs/deploy.md against the names the Bicep and the workflow actually use.</summary>
public sealed partial class DeployDocTests
{
    private static readonly string Doc = File.ReadAllText(Repo.PathOf("docs", "deploy.md"));
    private static readonly string DeployWorkflow = File.ReadAllText(Path.Combine(Repo.Workflows, "deploy.yml"));

    [Fact]
    public async Task Every_deployment_output_the_doc_reads_is_declared_by_main_bicep()
    {
        var outputs = (await Templates.MainAsync()).GetProperty("outputs");

        var read = OutputRead().Matches(Doc).Select(match => match.Groups["name"].Value).Distinct().ToList();

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.True(outputs.TryGetProperty(name, out _), $"docs/deploy.md reads output {name}, which main.bicep lacks"));
    }

    [Fact]
    public void Doc_sets_every_variable_the_deploy_workflow_reads()
    {
        var variables = WorkflowVariable().Matches(DeployWorkflow).Select(match => match.Groups["name"].Value).Distinct().ToList();

        Assert.NotEmpty(variables);
        Assert.All(variables, name => Assert.Contains($"gh variable set {name} ", Doc));
    }

    [Fact]
    public void Doc_uses_the_workflows_deployment_name_and_the_event_subscription_name()
    {
        var main = File.ReadAllText(Path.Combine(Repo.Infra, "main.bicep"));

        Assert.Contains("DEPLOYMENT_NAME: imgcls-main", DeployWorkflow);
        Assert.Contains("--name imgcls-main", Doc);
        Assert.Contains("name: 'images-blob-created'", main);
        Assert.Contains("--name images-blob-created", Doc);
    }

    [Fact]
    public async Task Doc_counts_the_roles_the_templates_assign()
    {
        // The condition the doc suggests for the deployment identity must allow every role the templates assign.
        var text = (await Templates.MainAsync()).GetRawText();
        var numbers = new[] { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten" };

        var roles = RoleDefinitionId().Matches(text).Select(match => match.Value.ToLowerInvariant()).Distinct().Count();

        Assert.Contains($"allows only the {numbers[roles]} roles the", Doc);
    }

    [Fact]
    public void Federated_credentials_cover_each_environment_the_workflow_deploys_to()
    {
        Assert.Contains("options: [dev, prod]", DeployWorkflow);
        Assert.Contains("for env in dev prod; do", Doc);
        Assert.Contains("--subject \"repo:$GITHUB_REPO:environment:$env\"", Doc);
        Assert.Contains("--issuer https://token.actions.githubusercontent.com", Doc);
        Assert.Contains("--audiences api://AzureADTokenExchange", Doc);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Resource_group_the_doc_creates_is_the_one_the_environment_deploys_to(string environment)
    {
        Assert.Contains($"az group create --name rg-imgcls-{environment} ", Doc);
        Assert.Contains($"gh variable set AZURE_RESOURCE_GROUP --repo \"$GITHUB_REPO\" --env {environment} --body rg-imgcls-{environment}", Doc);
    }

    [Fact]
    public void Doc_explains_the_single_deployment_and_links_the_cold_start_page()
    {
        Assert.DoesNotContain("events.bicep", Doc, StringComparison.Ordinal);
        Assert.Contains("part of the one `main.bicep` deployment", Doc);
        Assert.Contains("[docs/cold-start.md](cold-start.md)", Doc);
        Assert.Contains("## Roll back", Doc);
        Assert.Contains("## Costs and scale to zero", Doc);
    }

    [Fact]
    public void Docs_and_readme_name_no_keep_warm_setting()
    {
        // Warming is done by always-ready instances and minReplicas; a keep-warm timer setting would mislead.
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        var coldStart = File.ReadAllText(Repo.PathOf("docs", "cold-start.md"));

        Assert.DoesNotContain("KeepWarmEnabled", Doc + readme + coldStart, StringComparison.Ordinal);
        Assert.DoesNotContain("KeepWarmSchedule", Doc + readme + coldStart, StringComparison.Ordinal);
        Assert.Contains("(docs/cold-start.md)", readme);
    }

    [Theory]
    [InlineData("alwaysReadyHttpInstances")]
    [InlineData("alwaysReadyBlobFunctionInstances")]
    [InlineData("gpuMinReplicas")]
    public async Task Cold_start_page_explains_every_warming_parameter_main_bicep_declares(string parameter)
    {
        var main = await Templates.MainAsync();
        var coldStart = File.ReadAllText(Repo.PathOf("docs", "cold-start.md"));

        Assert.True(main.GetProperty("parameters").TryGetProperty(parameter, out _), $"main.bicep has no parameter {parameter}");
        Assert.Contains($"`{parameter} = 0`", coldStart);
        Assert.Contains($"`{parameter} = 1`", coldStart);
    }

    [GeneratedRegex(@"'\.(?<name>[A-Za-z]+)\.value'")]
    private static partial Regex OutputRead();

    // Built-in role definition ids are the only literal GUIDs in the compiled JSON; resource names come from guid().
    [GeneratedRegex(@"(?<="")[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?="")", RegexOptions.IgnoreCase)]
    private static partial Regex RoleDefinitionId();

    [GeneratedRegex(@"vars\.(?<name>[A-Z_]+)")]
    private static partial Regex WorkflowVariable();
}
