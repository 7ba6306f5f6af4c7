namespace ImageClassifier.Tests.Support;

/// <summary>A model directory built for one test under the temp folder, deleted on dispose.</summary>
public sealed class TempModelDirectory : IDisposable
{
    public TempModelDirectory(string name = "test-model")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "classifier-tests-" + Guid.NewGuid().ToString("N"), name);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Links (or, where links are not allowed, copies) an existing graph in as model.onnx.</summary>
    public TempModelDirectory WithModelFrom(string onnxPath)
    {
        try
        {
            System.IO.File.CreateSymbolicLink(File("model.onnx"), onnxPath);
        }
        catch (IOException)
        {
            System.IO.File.Copy(onnxPath, File("model.onnx"));
        }
        catch (UnauthorizedAccessException)
        {
            System.IO.File.Copy(onnxPath, File("model.onnx"));
        }

        return this;
    }

    public TempModelDirectory WithModelBytes(byte[] bytes)
    {
        System.IO.File.WriteAllBytes(File("model.onnx"), bytes);
        return this;
    }

    public TempModelDirectory WithLabels(IEnumerable<string> labels)
    {
        System.IO.File.WriteAllLines(File("labels.txt"), labels);
        return this;
    }

    public TempModelDirectory WithLabelsText(string text)
    {
        System.IO.File.WriteAllText(File("labels.txt"), text);
        return this;
    }

    public TempModelDirectory WithSpec(string json)
    {
        System.IO.File.WriteAllText(File("model.json"), json);
        return this;
    }

    public void Dispose()
    {
        var root = Directory.GetParent(Path)!.FullName;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
