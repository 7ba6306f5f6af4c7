namespace ImageClassifier.Soak.Blobs;

/// <summary>Blob uploads with a <c>kill -9</c> of the runner half-way: what was labelled when it died, and in the end.</summary>
internal sealed record KillResult(int LabelledAtKill, double RestartSeconds, LabelTally Final, double SecondsToAllLabelled, bool Complete);
