namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// One round: classify's wall time (process start to exit, model load included), then the blob path's on a freshly
/// started runner that had settled (<see cref="RunnerSettled"/> false when it was still busy at the limit).
/// </summary>
internal sealed record ThroughputRound(double ClassifySeconds, int ClassifyLines, int ClassifyExit, double BlobSeconds, LabelTally Blobs, bool Complete, bool RunnerSettled = true)
{
    /// <summary>This round's blob labelling time over its classify time.</summary>
    public double Ratio => ClassifySeconds > 0 ? BlobSeconds / ClassifySeconds : double.NaN;
}
