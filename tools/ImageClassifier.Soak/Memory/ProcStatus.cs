using System.Globalization;

namespace ImageClassifier.Soak.Memory;

/// <summary>Resident memory of a process from <c>/proc/PID/status</c>: <c>VmRSS</c> now and <c>VmHWM</c>, its peak since start.</summary>
internal readonly record struct ProcStatus(long RssBytes, long PeakRssBytes)
{
    /// <summary>Reads the two fields from the text of a status file; both are given in kB (1024 bytes).</summary>
    public static ProcStatus Parse(string status)
    {
        long? rss = null, peak = null;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return rss is not null && peak is not null
            ? new ProcStatus(rss.Value, peak.Value)
            : throw new FormatException("The status text has no VmRSS or no VmHWM line (is it a kernel thread or another OS?).");
    }

    /// <summary>Reads <c>/proc/PID/status</c> of a running process.</summary>
    public static ProcStatus Read(int processId) => Parse(File.ReadAllText($"/proc/{processId}/status"));

    private static long Kilobytes(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3 || fields[2] != "kB" || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes))
        {
            throw new FormatException($"Unexpected status line '{line.Trim()}'.");
        }

        return kilobytes * 1024;
    }
}
