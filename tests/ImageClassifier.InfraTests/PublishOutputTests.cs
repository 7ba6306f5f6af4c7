using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>
/// The package the deploy workflow zips for Flex Consumption: a linux-x64 publish must carry the native ONNX Runtime
/// and SkiaSharp libraries (onnxruntime #8162, host #5876 are what happens when it does not).
/// </summary>
public sealed class PublishOutputTests
{
    [Fact]
    public async Task Linux_x64_publish_contains_native_onnx_runtime_and_skiasharp_and_the_host_files()
    {
        var work = Directory.CreateTempSubdirectory("imgcls-publish-");
        try
        {
            var output = Path.Combine(work.FullName, "publish");

            // A separate artifacts path keeps this build out of the working tree's bin/ and obj/, which other test
            // projects may be using; no node reuse or compiler server, so no process outlives the publish.
            var result = await ProcessRunner.RunAsync(
                "dotnet",
                [
                    "publish", Repo.PathOf("functions", "ImageClassifier.Functions", "ImageClassifier.Functions.csproj"),
                    "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                    "-o", output, "--artifacts-path", Path.Combine(work.FullName, "artifacts"),
                    "-nodeReuse:false", "-p:UseSharedCompilation=false", "--nologo",
                ],
                TimeSpan.FromMinutes(8),
                environment: new Dictionary<string, string>
                {
                    ["MSBUILDDISABLENODEREUSE"] = "1",
                    ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                });

            Assert.True(result.ExitCode == 0, result.Describe("dotnet publish"));
            var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(output, file).Replace('\\', '/'))
                .ToHashSet();
            Assert.Contains("libonnxruntime.so", files);
            Assert.Contains("libSkiaSharp.so", files);
            Assert.Contains("host.json", files);
            Assert.Contains("functions.metadata", files);
            Assert.Contains("ImageClassifier.Functions.dll", files);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
