namespace ImageClassifier.Soak.Hostile;

/// <summary>A hostile request and what it got.</summary>
internal sealed record HostileResult(string Name, string Transport, string Expected, Observed Observed, bool AsExpected, double Seconds);
