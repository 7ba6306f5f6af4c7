namespace ImageClassifier.Soak.Harness;

/// <summary>The repository this tool runs from: the folder above the current one that holds <c>Serverless.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run soak from inside the repository (no Serverless.sln above the current folder).");
    }
}
