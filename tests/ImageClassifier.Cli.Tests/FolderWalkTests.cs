namespace ImageClassifier.Cli.Tests;

/// <summary>classify walks folders without following links to folders, and labels each file once.</summary>
public class FolderWalkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("walk-").FullName;

    [SkippableFact]
    public async Task Links_back_up_the_tree_neither_loop_nor_label_a_file_twice()
    {
        var photos = Directory.CreateDirectory(Path.Combine(_root, "photos")).FullName;
        var nested = Directory.CreateDirectory(Path.Combine(photos, "nested")).FullName;
        File.Copy(SharedData.Image("coffee.png"), Path.Combine(photos, "coffee.png"));
        File.Copy(SharedData.Image("chelsea.png"), Path.Combine(nested, "chelsea.png"));
        Directory.CreateSymbolicLink(Path.Combine(photos, "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(nested, "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(nested, "root"), _root);
        File.CreateSymbolicLink(Path.Combine(nested, "again.png"), Path.Combine(photos, "coffee.png"));

        var result = await CliProcess.RunAsync(CliProcess.Cli, null, "classify", "--json", "--top", "1", "--model", SharedData.ModelDirectory, photos);

        Assert.Equal(0, result.ExitCode);
        var files = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("file").GetString()!)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["chelsea.png", "coffee.png"], files);
    }

    [SkippableFact]
    public async Task The_same_file_given_twice_is_labelled_once()
    {
        var photo = Path.Combine(_root, "coffee.png");
        File.Copy(SharedData.Image("coffee.png"), photo);

        var result = await CliProcess.RunAsync(CliProcess.Cli, null, "classify", "--json", "--model", SharedData.ModelDirectory, photo, _root);

        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
