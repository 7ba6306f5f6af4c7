namespace ImageClassifier.Cli.Tests;

/// <summary>
/// Every command composes the engine through AddClassifierEngine: an invalid option or Classifier__* setting is exit
/// code 2 with a message naming it, before the model is loaded (the model here cannot be loaded, and no load error
/// appears) and before serve touches storage or the network.
/// </summary>
public class InvalidSettingTests : IDisposable
{
    private const string LoadError = "cannot be loaded";

    private readonly BrokenModel _model = new();

    [Theory]
    [InlineData("--threads", "100000", "IntraOpThreads")]
    [InlineData("--threads", "1000", "IntraOpThreads")]
    [InlineData("--threads", "-1", "IntraOpThreads")]
    [InlineData("--top", "0", "TopK")]
    [InlineData("--top", "1001", "TopK")]
    public async Task Classify_option_outside_the_engine_range_is_refused_before_the_model_loads(string option, string value, string setting)
    {
        var result = await CliProcess.RunAsync(CliProcess.Cli, null, _model.Arguments("classify", option, value));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option} {value}", result.Error);
        Assert.Contains(setting, result.Error);
        Assert.DoesNotContain(LoadError, result.Error);
    }

    [Theory]
    [InlineData("classify", "--threads", "abc")]
    [InlineData("classify", "--top", "abc")]
    [InlineData("classify", "--top", "99999999999")]
    [InlineData("serve", "--threads", "abc")]
    [InlineData("serve", "--threads", "100000")]
    [InlineData("optimize", "--device", "gpu")]
    public async Task Unparsable_or_out_of_range_option_is_exit_code_2_naming_it_without_a_stack_trace(string command, string option, string value)
    {
        var result = await CliProcess.RunAsync(CliProcess.Cli, null, _model.Arguments(command, option, value));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error);
        Assert.DoesNotContain("System.", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain(LoadError, result.Error);
        Assert.DoesNotContain("serving on", result.Output);
    }

    [Theory]
    [InlineData("classify", "Classifier__MaxImageBytes", "0")]
    [InlineData("classify", "Classifier__MaxImageBytes", "abc")]
    [InlineData("classify", "Classifier__IntraOpThreads", "100000")]
    [InlineData("serve", "Classifier__MaxImageBytes", "0")]
    [InlineData("serve", "Classifier__MaxImageBytes", "abc")]
    [InlineData("optimize", "Classifier__MaxPixels", "0")]
    public async Task Invalid_environment_setting_is_exit_code_2_naming_the_setting(string command, string variable, string value)
    {
        var result = await CliProcess.RunAsync(CliProcess.Cli, new Dictionary<string, string> { [variable] = value }, _model.Arguments(command));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(variable.Replace("Classifier__", "", StringComparison.Ordinal), result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain(LoadError, result.Error);
    }

    [SkippableFact]
    public async Task Serve_refuses_an_invalid_storage_setting_with_exit_code_2_naming_it()
    {
        var result = await CliProcess.RunAsync(CliProcess.Cli, new Dictionary<string, string> { ["LabelsTable"] = "x" }, "serve", "--model", SharedData.ModelDirectory, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("LabelsTable", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Bench_refuses_an_out_of_range_thread_count_before_measuring()
    {
        var result = await CliProcess.RunAsync(CliProcess.Bench, null, "--model", _model.Directory, "--threads", "100000", "--out", Path.Combine(_model.Directory, "out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--threads 100000", result.Error);
        Assert.False(Directory.Exists(Path.Combine(_model.Directory, "out")));
    }

    [Theory]
    [InlineData("classify")]
    [InlineData("serve")]
    [InlineData("optimize")]
    public async Task Missing_model_directory_is_refused_by_the_engine_validator_naming_the_option(string command)
    {
        var missing = Path.Combine(_model.Directory, "absent");

        string[] arguments = [command, "--model", missing, .. command == "classify" ? new[] { _model.Image } : []];

        var result = await CliProcess.RunAsync(CliProcess.Cli, null, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--model {missing}", result.Error);
        Assert.Contains("does not exist", result.Error);
    }

    public void Dispose() => _model.Dispose();
}
