namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// The same photos labelled by <c>classify</c> (one process, files) and by the runner's blob path, in alternating
/// rounds. Each side's median leaves out its slowest round, so one slow spell of a shared machine moves neither.
/// </summary>
internal sealed record ThroughputResult(int Files, IReadOnlyList<ThroughputRound> Rounds)
{
    /// <summary>Median classify wall time.</summary>
    public double ClassifySeconds => Median(Rounds.Select(r => r.ClassifySeconds));

    /// <summary>Median time from the first upload until every blob of the round had its entity.</summary>
    public double BlobSeconds => Median(Rounds.Select(r => r.BlobSeconds));

    /// <summary>Median blob labelling time over median classify time; the target is at most 1.5.</summary>
    public double Ratio => ClassifySeconds > 0 ? BlobSeconds / ClassifySeconds : double.NaN;

    /// <summary>Every round labelled every blob it uploaded, and every classify printed a result per file.</summary>
    public bool Complete => Rounds.Count > 0 && Rounds.All(r => r.Complete && r.ClassifyLines == Files && r.ClassifyExit == 0);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
