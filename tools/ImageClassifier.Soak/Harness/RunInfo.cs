using System.Diagnostics;

namespace ImageClassifier.Soak.Harness;

/// <summary>What a report says it ran against: the commit (with <c>+dirty</c> for local changes) and the machine.</summary>
internal static class RunInfo
{
    public static string Commit(string repositoryRoot)
    {
        var head = Git(repositoryRoot, "rev-parse", "--short=12", "HEAD");
        var dirty = Git(repositoryRoot, "status", "--porcelain", "--untracked-files=no");
        return head.Length == 0 ? "unknown" : dirty.Length > 0 ? head + "+dirty" : head;
    }

    public static string Machine()
    {
        var memory = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var gb = long.TryParse(memory, out var kb) ? $"{kb / 1e6:F1} GB RAM" : "unknown RAM";
        return $"{Environment.ProcessorCount} cores, {gb}, load average {load} at the start";
    }

    private static string Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start);
        if (git is null)
        {
            return "";
        }

        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : "";
    }
}
