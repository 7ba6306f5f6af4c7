using System.IO.Enumeration;

namespace ImageClassifier.Cli;

/// <summary>Expands command-line paths into image files: files as given, folders recursively by image extension.</summary>
internal static class ImageFiles
{
    // Unsupported formats are listed too, so a folder of HEIC photos gets an error line each instead of silence.
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".avif", ".svg",
    };

    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true };

    /// <summary>
    /// The files to classify, in a stable order, each once (by its real path, however many links lead to it); throws
    /// <see cref="FileNotFoundException"/> for a path that does not exist. Links to folders inside a folder are not
    /// followed: <c>ln -s . dir/self</c> would otherwise make the walk endless.
    /// </summary>
    public static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (File.Exists(path))
            {
                found = [path];
            }
            else if (Directory.Exists(path))
            {
                found = Walk(path).Order(StringComparer.Ordinal);
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }

            files.AddRange(found.Where(f => seen.Add(RealPath(f))));
        }

        return files;
    }

    private static FileSystemEnumerable<string> Walk(string directory) =>
        new(directory, static (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), Recursive)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory && Extensions.Contains(Path.GetExtension(entry.FileName).ToString()),
            ShouldRecursePredicate = static (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };

    private static string RealPath(string file)
    {
        var full = Path.GetFullPath(file);
        return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
    }
}
