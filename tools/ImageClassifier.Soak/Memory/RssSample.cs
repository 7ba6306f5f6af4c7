namespace ImageClassifier.Soak.Memory;

/// <summary>One reading of a process's resident memory, at a time on the sampler's clock.</summary>
internal readonly record struct RssSample(TimeSpan At, long RssBytes, long PeakRssBytes);
