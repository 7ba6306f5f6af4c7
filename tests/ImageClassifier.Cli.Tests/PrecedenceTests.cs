namespace ImageClassifier.Cli.Tests;

/// <summary>Classifier__* environment variables apply to every command; an option given on the command line wins over them.</summary>
public class PrecedenceTests : IDisposable
{
    private readonly BrokenModel _model = new();

    [Theory]
    [InlineData("classify")]
    [InlineData("serve")]
    [InlineData("optimize")]
    public async Task Environment_setting_applies_when_the_option_is_not_given(string command)
    {
        // An invalid value shows that the variable was read: the command refuses it.
        var result = await RunAsync(command, "gpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ExecutionProvider", result.Error);
    }

    [Theory]
    [InlineData("classify")]
    [InlineData("optimize")]
    public async Task Option_given_on_the_command_line_wins_over_the_environment(string command)
    {
        // With --device the invalid variable is overridden, so the command gets as far as the (broken) model.
        var result = await RunAsync(command, "gpu", "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("ExecutionProvider", result.Error);
        Assert.Contains(_model.Directory, result.Error);
    }

    [SkippableFact]
    public async Task Classify_honours_cuda_from_the_environment_unless_device_is_given()
    {
        var image = SharedData.Image("coffee.png");
        var environment = new Dictionary<string, string> { ["Classifier__ExecutionProvider"] = "cuda" };

        var fromEnvironment = await CliProcess.RunAsync(CliProcess.Cli, environment, "classify", "--json", "--model", SharedData.ModelDirectory, image);
        var fromOption = await CliProcess.RunAsync(CliProcess.Cli, environment, "classify", "--json", "--device", "cpu", "--model", SharedData.ModelDirectory, image);

        // No GPU here: asking for CUDA shows as the engine's fallback warning.
        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Contains("CUDA", fromEnvironment.Error);
        Assert.Equal(0, fromOption.ExitCode);
        Assert.DoesNotContain("CUDA", fromOption.Error);
        Assert.Contains("espresso", fromOption.Output);
    }

    private Task<CliResult> RunAsync(string command, string provider, params string[] options) =>
        CliProcess.RunAsync(CliProcess.Cli, new Dictionary<string, string> { ["Classifier__ExecutionProvider"] = provider }, _model.Arguments(command, options));

    public void Dispose() => _model.Dispose();
}
