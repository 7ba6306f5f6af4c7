namespace ImageClassifier.Cli;

/// <summary>Finds the repository the command runs from: the nearest folder above the working or program directory that matches.</summary>
internal static class RepositoryFolder
{
    public static string? Find(Func<string, bool> matches)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (matches(directory.FullName))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
