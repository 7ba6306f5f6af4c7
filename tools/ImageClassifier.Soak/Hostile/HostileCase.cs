namespace ImageClassifier.Soak.Hostile;

/// <summary>One request of the hostile corpus: a name, how it is sent, and what it should get back.</summary>
internal sealed record HostileCase(string Name, string Transport, Expectation Expected, Func<HostileTarget, Task<Observed>> SendAsync);
