namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// A storage outage: what HTTP clients got while storage was down (classify should answer 200 with stored:false; labels
/// a 503 problem), how many blob uploads failed, and how long after storage came back results were stored again and
/// every blob was labelled.
/// </summary>
internal sealed record OutageResult(
    double DownSeconds,
    SortedDictionary<string, int> ClassifyDuringOutage,
    SortedDictionary<string, int> LabelsDuringOutage,
    int UploadsRefused,
    double? SecondsToStoredTrue,
    double SecondsToAllLabelled,
    LabelTally Final,
    bool Complete)
{
    /// <summary>5xx answers other than a 503 problem ("503 (no problem body)" counts: it is a 503 the app did not shape).</summary>
    public int UnexpectedServerErrors => ClassifyDuringOutage.Concat(LabelsDuringOutage)
        .Where(s => s.Key.StartsWith('5') && !(s.Key.StartsWith("503 ", StringComparison.Ordinal) && !s.Key.EndsWith("(no problem body)", StringComparison.Ordinal)))
        .Sum(s => s.Value);
}
