using System.Text.RegularExpressions;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class WorkflowTests
{
    public static TheoryData<string> WorkflowFiles() => new(WorkflowFileNames());

    private static IEnumerable<string> WorkflowFileNames() =>
        Directory.EnumerateFiles(Repo.Workflows, "*.yml").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public async Task Workflow_passes_action_validator(string fileName)
    {
        var validator = Repo.PathOf("node_modules", ".bin", "action-validator");
        Assert.True(File.Exists(validator), $"{validator} is missing: run 'npm ci' in {Repo.Root} first.");

        var result = await ProcessRunner.RunAsync(validator, [Path.Combine(Repo.Workflows, fileName)], TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.Describe($"action-validator {fileName}"));
    }

    [Fact]
    public void Repository_has_ci_and_deploy_workflows()
    {
        var files = WorkflowFileNames().ToList();

        Assert.Contains("ci.yml", files);
        Assert.Contains("deploy.yml", files);
    }

    [Fact]
    public void Ci_runs_on_pull_requests_and_pushes_and_tests_and_lints_bicep()
    {
        var ci = Workflow.Load("ci.yml");
        var steps = ci.Jobs.Values.SelectMany(Workflow.Steps).ToList();
        var runs = steps.Select(step => Workflow.Get(step, "run") ?? string.Empty).ToList();

        Assert.True(ci.Triggers.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("pull_request")));
        Assert.True(ci.Triggers.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("push")));
        Assert.Contains(runs, run => run.Contains("npm ci", StringComparison.Ordinal));
        Assert.Contains(runs, run => run.Contains("dotnet build", StringComparison.Ordinal));
        Assert.Contains(runs, run => run.Contains("./test.sh", StringComparison.Ordinal));
        Assert.Contains(runs, run => run.Contains("lint", StringComparison.Ordinal) && run.Contains("build-params", StringComparison.Ordinal));
        Assert.Contains($"BICEP_VERSION: {BicepCli.PinnedVersion()}", ci.Text);
    }

    [Fact]
    public void Deploy_runs_on_push_to_main_and_by_hand_with_dev_and_prod()
    {
        var deploy = Workflow.Load("deploy.yml");

        var push = Workflow.Map(deploy.Triggers, "push");
        var dispatch = Workflow.Map(deploy.Triggers, "workflow_dispatch");
        var environment = Workflow.Map(Workflow.Map(dispatch, "inputs"), "environment");

        Assert.Contains("main", push.Children.Values.Single().AllNodes.Select(Workflow.Scalar));
        Assert.Equal(["dev", "prod"], environment.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("options")].AllNodes.Skip(1).Select(Workflow.Scalar));
    }

    [Fact]
    public void Every_job_that_logs_in_to_azure_has_an_oidc_token_and_an_environment()
    {
        var deploy = Workflow.Load("deploy.yml");

        var loginJobs = deploy.Jobs.Where(job => Workflow.Steps(job.Value).Any(IsAzureLogin)).ToList();

        Assert.NotEmpty(loginJobs);
        Assert.All(loginJobs, job =>
        {
            var permissions = Workflow.Map(job.Value, "permissions");
            Assert.Equal("write", Workflow.Get(permissions, "id-token"));
            Assert.Equal("${{ inputs.environment || 'dev' }}", Workflow.Get(job.Value, "environment"));
        });
    }

    [Fact]
    public void Azure_login_uses_repository_variables_and_never_a_secret()
    {
        var logins = new[] { "ci.yml", "deploy.yml" }
            .SelectMany(file => Workflow.Load(file).Jobs.Values)
            .SelectMany(Workflow.Steps)
            .Where(IsAzureLogin)
            .ToList();

        Assert.NotEmpty(logins);
        Assert.All(logins, login =>
        {
            Assert.Equal("azure/login@v2", Workflow.Uses(login));
            var with = Workflow.Map(login, "with");
            Assert.Equal("${{ vars.AZURE_CLIENT_ID }}", Workflow.Get(with, "client-id"));
            Assert.Equal("${{ vars.AZURE_TENANT_ID }}", Workflow.Get(with, "tenant-id"));
            Assert.Equal("${{ vars.AZURE_SUBSCRIPTION_ID }}", Workflow.Get(with, "subscription-id"));
            Assert.Null(Workflow.Get(with, "creds"));
            Assert.DoesNotContain("secrets.", string.Join(' ', with.AllNodes.Select(Workflow.Scalar)), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Deploy_reads_no_secret_at_all()
    {
        var deploy = Workflow.Load("deploy.yml");

        Assert.DoesNotMatch(new Regex(@"\$\{\{[^}]*secrets\.", RegexOptions.IgnoreCase), deploy.Text);
    }

    [Fact]
    public void Two_deploys_of_one_environment_never_overlap()
    {
        var deploy = Workflow.Load("deploy.yml");

        var concurrency = Workflow.Map(deploy.Root, "concurrency");

        Assert.Equal("deploy-${{ inputs.environment || 'dev' }}", Workflow.Get(concurrency, "group"));
        Assert.Equal("false", Workflow.Get(concurrency, "cancel-in-progress"));
    }

    [Fact]
    public void Deploy_runs_what_if_before_creating_the_deployment()
    {
        var infra = Workflow.Load("deploy.yml").Jobs["infra"];

        var runs = Workflow.Steps(infra).Select(step => Workflow.Get(step, "run") ?? string.Empty).ToList();
        var whatIf = runs.FindIndex(run => run.Contains("az deployment group what-if", StringComparison.Ordinal));
        var create = runs.FindIndex(run => run.Contains("az deployment group create", StringComparison.Ordinal));

        Assert.InRange(whatIf, 0, int.MaxValue);
        Assert.True(create > whatIf, "the deployment is created before what-if ran");
    }

    [Fact]
    public void Event_subscription_is_part_of_the_infrastructure_deployment_and_the_smoke_test_comes_last()
    {
        // The queue destination needs no function key, so there is no separate post-code events step.
        var deploy = Workflow.Load("deploy.yml");
        var jobs = deploy.Jobs;

        Assert.DoesNotContain("events", jobs.Keys);
        Assert.DoesNotContain("events.bicep", deploy.Text, StringComparison.Ordinal);
        Assert.Contains("build", Workflow.Needs(jobs["code"]));
        Assert.Contains("infra", Workflow.Needs(jobs["code"]));
        Assert.Contains("code", Workflow.Needs(jobs["smoke"]));
        Assert.Contains("gpu-image", Workflow.Needs(jobs["smoke"]));
    }

    [Theory]
    [InlineData("CPU plan", "az functionapp keys list", "cpu")]
    [InlineData("GPU plan", "az containerapp function keys list", "cuda")]
    public void Smoke_step_waits_for_health_on_the_expected_provider_before_it_lists_keys(string stepName, string listKeys, string provider)
    {
        var smoke = Workflow.Load("deploy.yml").Jobs["smoke"];

        var run = Workflow.Get(Workflow.Steps(smoke).Single(step => Workflow.Name(step) == stepName), "run")!;
        var health = run.IndexOf(".github/scripts/wait-for-health.sh", StringComparison.Ordinal);
        var keys = run.IndexOf(listKeys, StringComparison.Ordinal);
        var smokeTest = run.IndexOf(".github/scripts/smoke-test.sh", StringComparison.Ordinal);

        Assert.InRange(health, 0, int.MaxValue);
        Assert.True(keys > health, $"{stepName} lists keys before /api/health answered");
        Assert.True(smokeTest > keys, $"{stepName} runs the smoke test before it has a key");
        Assert.Matches($@"wait-for-health\.sh ""\$APP_URL"" \d+ {provider}\n", run);
        Assert.Matches($@"smoke-test\.sh ""\$APP_URL"" ""\$key"" samples/coffee\.jpg \d+ {provider}\n", run);
    }

    [Fact]
    public void Gpu_image_job_frees_runner_disk_before_the_build_and_purges_old_images_after_the_rollout()
    {
        var steps = Workflow.Steps(Workflow.Load("deploy.yml").Jobs["gpu-image"]).ToList();
        var runs = steps.Select(step => Workflow.Get(step, "run") ?? string.Empty).ToList();

        var freeDisk = runs.FindIndex(run => run.Contains("sudo rm -rf", StringComparison.Ordinal) && run.Contains("docker image prune", StringComparison.Ordinal));
        var build = steps.FindIndex(step => Workflow.Uses(step)?.StartsWith("docker/build-push-action@", StringComparison.Ordinal) == true);
        var rollout = runs.FindIndex(run => run.Contains("az deployment group create", StringComparison.Ordinal));
        var purge = runs.FindIndex(run => run.Contains("az acr run", StringComparison.Ordinal) && run.Contains("acr purge", StringComparison.Ordinal));

        Assert.InRange(freeDisk, 0, build - 1);
        Assert.True(purge > rollout && rollout > build, "purge must follow the rollout of the new image");
        Assert.Contains("--filter 'imgcls-gpu:.*'", runs[purge]);
        Assert.Matches(@"--keep [1-9]", runs[purge]);
        Assert.Contains("--untagged", runs[purge]);
    }

    [Fact]
    public void Deploy_exports_the_model_with_a_pip_cache_and_deploys_code_with_the_functions_action()
    {
        var jobs = Workflow.Load("deploy.yml").Jobs;

        var setupPython = Workflow.Steps(jobs["build"]).Single(step => Workflow.Uses(step)?.StartsWith("actions/setup-python@", StringComparison.Ordinal) == true);
        var buildRuns = string.Join('\n', Workflow.Steps(jobs["build"]).Select(step => Workflow.Get(step, "run") ?? string.Empty));

        Assert.Equal("pip", Workflow.Get(Workflow.Map(setupPython, "with"), "cache"));
        Assert.Contains("python models/export_resnet18.py", buildRuns);
        Assert.Contains("--runtime linux-x64", buildRuns);
        Assert.Contains(Workflow.Steps(jobs["code"]), step => Workflow.Uses(step) == "Azure/functions-action@v1");
    }

    [Fact]
    public void Deploy_compiles_bicep_with_the_same_cli_version_as_the_offline_checks()
    {
        var deploy = Workflow.Load("deploy.yml");

        Assert.Contains($"BICEP_VERSION: v{BicepCli.PinnedVersion()}", deploy.Text);
        Assert.Contains("az bicep install --version \"$BICEP_VERSION\"", deploy.Text);
    }

    [Fact]
    public async Task Infra_job_exposes_only_outputs_that_main_bicep_declares()
    {
        var infra = Workflow.Load("deploy.yml").Jobs["infra"];
        var main = await Templates.MainAsync();

        var outputs = Workflow.Map(infra, "outputs").Children.Keys.Select(Workflow.Scalar).ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(main.GetProperty("outputs").TryGetProperty(output, out _), $"main.bicep has no output {output}"));
    }

    private static bool IsAzureLogin(YamlDotNet.RepresentationModel.YamlMappingNode step) =>
        Workflow.Uses(step)?.StartsWith("azure/login@", StringComparison.OrdinalIgnoreCase) == true;
}
