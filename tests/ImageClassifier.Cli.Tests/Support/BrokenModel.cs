namespace ImageClassifier.Cli.Tests.Support;

/// <summary>
/// A model folder that passes the directory checks but cannot be loaded: a command that reports a setting error
/// for it, rather than a load error, refused the setting before loading anything.
/// </summary>
public sealed class BrokenModel : IDisposable
{
    public BrokenModel()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("broken-model-").FullName;
        File.WriteAllText(Path.Combine(Directory, "model.onnx"), "not an ONNX graph");
        File.WriteAllText(Path.Combine(Directory, "labels.txt"), "cat\ndog\n");
        Image = Path.Combine(Directory, "photo.png");
        File.WriteAllBytes(Image, [0x89, 0x50, 0x4E, 0x47]);
    }

    public string Directory { get; }

    public string Image { get; }

    /// <summary>Arguments for <paramref name="command"/> on this model with <paramref name="options"/>; classify gets the image too.</summary>
    public string[] Arguments(string command, params string[] options) =>
        [command, "--model", Directory, .. options, .. command == "classify" ? new[] { Image } : []];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
