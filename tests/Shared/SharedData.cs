namespace ImageClassifier.Testing;

/// <summary>
/// Locates the read-only <c>shared/</c> folder beside the repository (or <c>SHARED_DIR</c>): the real model and the test
/// photos. Tests that need it skip with a reason when it is absent, except under CI, where its absence is a failure.
/// Linked into every test project that needs it.
/// </summary>
public static class SharedData
{
    public static readonly string? Root = Find();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ModelDirectory => Path.Combine(Require(), "models", "mobilenetv2-int8");

    public static string ImagesDirectory => Path.Combine(Require(), "testdata", "images");

    public static string Image(string name) => Path.Combine(ImagesDirectory, name);

    public static byte[] ImageBytes(string name) => File.ReadAllBytes(Image(name));

    /// <summary>Skips the calling test when shared/ is missing; throws under CI instead.</summary>
    public static string Require()
    {
        if (Root is not null)
        {
            return Root;
        }

        const string reason = "needs ../shared beside the repository (models/mobilenetv2-int8 and testdata/images); set SHARED_DIR to its path";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI run without shared data: {reason}");
        }

        Skip.If(true, reason);
        return string.Empty;
    }

    private static string? Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("SHARED_DIR") is { Length: > 0 } fromEnvironment)
        {
            candidates.Add(fromEnvironment);
        }

        candidates.Add(Path.Combine(FindRepositoryRoot(), "..", "shared"));
        return candidates
            .Select(Path.GetFullPath)
            .FirstOrDefault(c => Directory.Exists(Path.Combine(c, "models", "mobilenetv2-int8")));
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
