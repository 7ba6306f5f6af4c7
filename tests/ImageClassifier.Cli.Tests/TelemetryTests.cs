namespace ImageClassifier.Cli.Tests;

/// <summary>
/// ONNX Runtime 1.29+ on Linux keeps a device id and an event store under ~/.cache/Microsoft/DeveloperTools/.onnxruntime
/// unless told not to before its environment exists; the engine turns that off, so a run writes nothing there.
/// </summary>
public sealed class TelemetryTests
{
    [SkippableFact]
    public async Task Classify_writes_no_onnx_runtime_telemetry_into_the_home_folder()
    {
        // Arrange: a home folder of its own, and no opt-out inherited from the environment that would hide a regression.
        SharedData.Require();
        Skip.If(Environment.GetEnvironmentVariable("ORT_DISABLE_TELEMETRY") is not null, "ORT_DISABLE_TELEMETRY is set for the test run itself.");
        var home = Directory.CreateTempSubdirectory("cli-home-").FullName;
        try
        {
            // Act
            var result = await CliProcess.RunAsync(CliProcess.Cli, new Dictionary<string, string> { ["HOME"] = home }, "classify", "--model", SharedData.ModelDirectory, SharedData.Image("coffee.png"));

            // Assert
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.False(Directory.Exists(Path.Combine(home, ".cache", "Microsoft", "DeveloperTools")), string.Join('\n', Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories)));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
