namespace ImageClassifier.Soak.Blobs;

/// <summary>The same photos labelled twice in one run: by <c>classify</c> (one process, files) and by the runner's blob path.</summary>
internal sealed record ThroughputResult(int Files, double ClassifySeconds, int ClassifyLines, int ClassifyExit, double BlobSeconds, LabelTally Blobs, bool Complete)
{
    /// <summary>Blob labelling time over classify time; the target is at most 1.5.</summary>
    public double Ratio => ClassifySeconds > 0 ? BlobSeconds / ClassifySeconds : double.NaN;
}
