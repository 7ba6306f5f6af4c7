namespace ImageClassifier.Cli;

/// <summary>Finds the repository the command runs from: the nearest folder above the working or program directory that matches.</summary>
public static class RepositoryFolder
{
    /// <summary>The first folder, walking up from the working directory and then from the program's, for which <paramref name="matches"/> is true; null when none.</summary>
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
