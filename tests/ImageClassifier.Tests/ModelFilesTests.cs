using System.Security.Cryptography;
using ImageClassifier.Errors;
using ImageClassifier.Models;
using ImageClassifier.Tests.Support;

namespace ImageClassifier.Tests;

/// <summary>The model directory contract, checked before ONNX Runtime sees the graph: every failure names what to fix.</summary>
public class ModelFilesTests
{
    private static readonly byte[] NotAGraph = [1, 2, 3, 4];

    [Fact]
    public void Missing_directory_message_names_the_setting_Classifier_ModelDirectory()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<ModelLoadException>(() => ModelFiles.Read(missing));

        Assert.Contains("Classifier:ModelDirectory", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Directory_without_model_onnx_is_rejected_naming_model_onnx()
    {
        using var directory = new TempModelDirectory().WithLabels(["a", "b"]);

        var error = Assert.Throws<ModelLoadException>(() => ModelFiles.Read(directory.Path));

        Assert.Contains("model.onnx", error.Message);
    }

    [Fact]
    public void Directory_without_labels_txt_is_rejected_naming_labels_txt()
    {
        using var directory = new TempModelDirectory().WithModelBytes(NotAGraph);

        var error = Assert.Throws<ModelLoadException>(() => ModelFiles.Read(directory.Path));

        Assert.Contains("labels.txt", error.Message);
    }

    [Fact]
    public void Labels_txt_with_only_blank_lines_is_rejected_naming_labels_txt()
    {
        using var directory = new TempModelDirectory().WithModelBytes(NotAGraph).WithLabelsText("\n  \n\n");

        var error = Assert.Throws<ModelLoadException>(() => ModelFiles.Read(directory.Path));

        Assert.Contains("labels.txt", error.Message);
    }

    [Fact]
    public void Labels_are_trimmed_and_trailing_blank_lines_ignored()
    {
        using var directory = new TempModelDirectory().WithModelBytes(NotAGraph).WithLabelsText("tench\r\n goldfish \n\ngreat white shark\n\n\n");

        var files = ModelFiles.Read(directory.Path);

        Assert.Equal(["tench", "goldfish", "", "great white shark"], files.Labels);
    }

    [Fact]
    public void Without_model_json_the_spec_is_torchvision_imagenet_eval()
    {
        using var directory = new TempModelDirectory().WithModelBytes(NotAGraph).WithLabels(["a"]);

        var spec = ModelFiles.Read(directory.Path).Spec;

        // Resize 256, crop 224, [0,1] scaling, ImageNet mean and std, RGB (torchvision's documented eval transform).
        Assert.Null(spec.InputName);
        Assert.Equal((224, 256, "RGB", 1f / 255f), (spec.InputSize, spec.ResizeSize, spec.ChannelOrder, spec.Scale));
        Assert.Equal([0.485f, 0.456f, 0.406f], spec.Mean);
        Assert.Equal([0.229f, 0.224f, 0.225f], spec.Std);
    }

    [Fact]
    public void Model_json_overrides_every_preprocessing_field()
    {
        using var directory = new TempModelDirectory().WithModelBytes(NotAGraph).WithLabels(["a"]).WithSpec("""
            {
              // comments and trailing commas are tolerated; names are case-insensitive
              "InputName": "data",
              "inputSize": 299,
              "resizeSize": 342,
              "mean": [0.5, 0.5, 0.5],
              "std": [0.25, 0.5, 1.0],
              "channelOrder": "bgr",
              "scale": 1.0,
            }
            """);

        var spec = ModelFiles.Read(directory.Path).Spec;

        Assert.Equal("data", spec.InputName);
        Assert.Equal((299, 342, 1f), (spec.InputSize, spec.ResizeSize, spec.Scale));
        Assert.Equal([0.5f, 0.5f, 0.5f], spec.Mean);
        Assert.Equal([0.25f, 0.5f, 1f], spec.Std);
        Assert.True(spec.IsBgr);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("null", "empty")]
    [InlineData("""{ "inputSize": 0 }""", "inputSize")]
    [InlineData("""{ "inputSize": 5000, "resizeSize": 6000 }""", "inputSize")]
    [InlineData("""{ "inputSize": 224, "resizeSize": 200 }""", "resizeSize")]
    [InlineData("""{ "mean": [0.5, 0.5] }""", "mean and std")]
    [InlineData("""{ "mean": null }""", "mean and std")]
    [InlineData("""{ "std": null }""", "mean and std")]
    [InlineData("""{ "std": [0.5, 0, 0.5] }""", "std")]
    [InlineData("""{ "std": [0.5, -1, 0.5] }""", "std")]
    [InlineData("""{ "channelOrder": "RGBA" }""", "channelOrder")]
    [InlineData("""{ "channelOrder": null }""", "channelOrder")]
    [InlineData("""{ "scale": 0 }""", "scale")]
    public void Invalid_model_json_is_rejected_naming_the_file_and_the_field(string json, string expectedFragment)
    {
        using var directory = new TempModelDirectory().WithModelBytes(NotAGraph).WithLabels(["a"]).WithSpec(json);

        var error = Assert.Throws<ModelLoadException>(() => ModelFiles.Read(directory.Path));

        Assert.Contains("model.json", error.Message);
        Assert.Contains(expectedFragment, error.Message);
    }

    [Fact]
    public void Identity_is_the_directory_name_and_the_first_12_hex_digits_of_the_model_sha256()
    {
        var bytes = "any bytes stand in for a graph here"u8.ToArray();
        using var directory = new TempModelDirectory("resnet18-v7").WithModelBytes(bytes).WithLabels(["a"]);

        var identity = ModelFiles.Read(directory.Path).Identity;

        Assert.Equal("resnet18-v7", identity.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes))[..12], identity.Sha256);
        Assert.Equal($"resnet18-v7@{identity.Sha256}", identity.ToString());
    }

    [Fact]
    public void Trailing_separator_in_the_directory_path_does_not_blank_the_model_name()
    {
        using var directory = new TempModelDirectory("mobilenet").WithModelBytes(NotAGraph).WithLabels(["a"]);

        var identity = ModelFiles.Read(directory.Path + Path.DirectorySeparatorChar).Identity;

        Assert.Equal("mobilenet", identity.Name);
    }
}
