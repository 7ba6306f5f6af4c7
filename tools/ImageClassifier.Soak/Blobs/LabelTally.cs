namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// Blobs counted against the public table data: every confirmed upload should have exactly one entity in
/// <c>ImageLabels</c> whose <c>BlobName</c> is its name. Missing ones are lost; more than one for a name, duplicated.
/// </summary>
internal sealed record LabelTally(int Uploaded, int Labelled, int Failed, int Lost, int Duplicated)
{
    /// <param name="uploaded">Names whose upload the storage service confirmed.</param>
    /// <param name="entities">(BlobName, Status) of the entities found for these blobs' prefix.</param>
    public static LabelTally Of(IReadOnlyCollection<string> uploaded, IEnumerable<(string BlobName, string Status)> entities)
    {
        var byName = entities.GroupBy(e => e.BlobName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var labelled = uploaded.Count(byName.ContainsKey);
        var failed = uploaded.Count(n => byName.TryGetValue(n, out var e) && e.All(x => x.Status != "ok"));
        var duplicated = byName.Values.Sum(e => e.Count - 1);
        return new LabelTally(uploaded.Count, labelled, failed, uploaded.Count - labelled, duplicated);
    }
}
