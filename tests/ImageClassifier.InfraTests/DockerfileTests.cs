using System.Text.RegularExpressions;
using System.Xml.Linq;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>No Docker engine here: the Dockerfile is checked as text against what the image must contain.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Repo.PathOf("Dockerfile"));

    [Fact]
    public void Runtime_stage_is_the_dotnet_isolated_10_functions_host_image()
    {
        var images = BaseImages();

        Assert.Equal("mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0", images[^1]);
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:10.0", images);
    }

    [Fact]
    public void Every_base_image_is_pinned_to_an_explicit_tag()
    {
        var images = BaseImages();

        Assert.True(images.Count >= 3, string.Join(", ", images));
        Assert.All(images, image =>
        {
            var tag = image.Contains(':') ? image[(image.LastIndexOf(':') + 1)..] : string.Empty;
            Assert.False(string.IsNullOrEmpty(tag) || tag == "latest", $"{image} has no pinned tag");
        });
    }

    [Fact]
    public void Build_stage_publishes_linux_x64_against_the_gpu_onnx_runtime()
    {
        var publish = Instruction("RUN dotnet publish");

        Assert.Contains("-p:OnnxRuntimeFlavor=Gpu", publish);
        Assert.Contains("-r linux-x64", publish);
        Assert.Contains("functions/ImageClassifier.Functions/ImageClassifier.Functions.csproj", publish);
    }

    [Fact]
    public void Cuda_and_cudnn_versions_follow_the_gpu_onnx_runtime_package_version()
    {
        // The comment names the package version it was checked against; a bump of the package must revisit CUDA.
        var packages = XDocument.Load(Repo.PathOf("Directory.Packages.props"));
        var version = packages.Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "Microsoft.ML.OnnxRuntime.Gpu.Linux")
            .Attribute("Version")!.Value;

        Assert.Contains($"Microsoft.ML.OnnxRuntime.Gpu.Linux {version}", Dockerfile);
        Assert.Contains("CUDA 13.x and cuDNN 9.x", Dockerfile);
        Assert.Matches(@"FROM nvidia/cuda:13\.\d+\.\d+-cudnn-runtime-", Dockerfile);
        Assert.Contains("libcudart.so.13", Dockerfile);
        Assert.Contains("libcudnn", Dockerfile);
    }

    [Fact]
    public void Image_bakes_in_the_model_where_the_settings_point_and_selects_cuda()
    {
        Assert.Contains("COPY models/resnet18/ /home/site/wwwroot/models/resnet18/", Dockerfile);
        Assert.Contains("Classifier__ModelDirectory=/home/site/wwwroot/models/resnet18", Dockerfile);
        Assert.Contains("Classifier__ExecutionProvider=cuda", Dockerfile);
        Assert.Contains("AzureWebJobsScriptRoot=/home/site/wwwroot", Dockerfile);
    }

    [Fact]
    public void Dockerignore_sends_the_build_inputs_and_the_model_but_no_build_output()
    {
        var lines = File.ReadAllLines(Repo.PathOf(".dockerignore"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        var copies = string.Join('\n', Dockerfile.Split('\n').Where(line => line.StartsWith("COPY ", StringComparison.Ordinal)));

        foreach (var required in new[] { "Serverless.sln", "global.json", "Directory.Build.props", "Directory.Packages.props", "host.json", "functions/", "models/resnet18/" })
        {
            Assert.Contains($"!{required}", lines);
            Assert.Contains(required, copies);
        }

        Assert.Equal("*", lines[0]);
        Assert.Contains("**/bin/", lines);
        Assert.Contains("**/obj/", lines);
    }

    [Fact]
    public async Task Image_serves_on_the_port_the_container_app_ingress_and_probes_use()
    {
        var app = ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.App/containerApps");
        var port = app.Properties.GetProperty("configuration").GetProperty("ingress").GetProperty("targetPort").GetInt32();

        Assert.Contains($"ASPNETCORE_URLS=http://+:{port} ", Dockerfile);
        Assert.Matches($@"(?m)^EXPOSE {port}$", Dockerfile);
    }

    [Fact]
    public void Gpu_image_leaves_out_the_cpu_optimised_model_copy()
    {
        // One copy of the weights per image: the CPU-optimised copy (about the model's size again) is never read on CUDA.
        var lines = File.ReadAllLines(Repo.PathOf(".dockerignore")).Select(line => line.Trim()).ToList();

        var include = lines.IndexOf("!models/resnet18/");
        var exclude = lines.IndexOf("models/resnet18/.optimized/");

        Assert.InRange(include, 0, int.MaxValue);
        Assert.True(exclude > include, "the exclusion must come after the folder's inclusion to win");
    }

    private static List<string> BaseImages() =>
        FromLine().Matches(Dockerfile).Select(match => match.Groups["image"].Value).ToList();

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    /// <summary>The instruction that starts with the given text, its continuation lines joined.</summary>
    private static string Instruction(string start)
    {
        var lines = Dockerfile.Split('\n');
        var first = Array.FindIndex(lines, line => line.StartsWith(start, StringComparison.Ordinal));
        Assert.True(first >= 0, $"no '{start}' in the Dockerfile");
        var end = first;
        while (lines[end].TrimEnd().EndsWith('\\') && end + 1 < lines.Length)
        {
            end++;
        }

        return string.Join(' ', lines[first..(end + 1)].Select(line => line.Trim().TrimEnd('\\').Trim()));
    }
}
