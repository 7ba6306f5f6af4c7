namespace ImageClassifier.Soak.Memory;

/// <summary>
/// One concurrent-upload scenario against a freshly started runner: the load outcome, peak resident memory while it ran
/// (<c>VmHWM</c>, peak since start), and resident memory at fixed times after the load stopped. The acceptance lines
/// judge the <paramref name="Main"/> run.
/// </summary>
internal sealed record MemoryResult(
    string Name,
    int Clients,
    long BodyBytes,
    double Seconds,
    LoadOutcome Load,
    long BaselineRssBytes,
    long PeakRssBytes,
    IReadOnlyDictionary<int, long> RssAfterBytes,
    bool Main)
{
    /// <summary>Seconds after the load at which resident memory is reported.</summary>
    public static readonly int[] SettleMarks = [10, 30, 60];

    /// <summary>Resident memory at the latest mark reached, if any.</summary>
    public long? SettledRssBytes => RssAfterBytes.Count == 0 ? null : RssAfterBytes[RssAfterBytes.Keys.Max()];

    /// <summary>Resident memory at or after <paramref name="mark"/>: the first sample taken then.</summary>
    public static IReadOnlyDictionary<int, long> AtMarks(IReadOnlyList<RssSample> samples, TimeSpan loadEnded, int settleSeconds)
    {
        var marks = new SortedDictionary<int, long>();
        foreach (var mark in SettleMarks.Where(m => m <= settleSeconds))
        {
            var at = loadEnded + TimeSpan.FromSeconds(mark);
            var sample = samples.FirstOrDefault(s => s.At >= at);
            if (sample != default)
            {
                marks[mark] = sample.RssBytes;
            }
        }

        return marks;
    }
}
