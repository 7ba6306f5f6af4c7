namespace ImageClassifier.IntegrationTests.Support;

/// <summary>One test's labels table and images container.</summary>
public sealed record StorageNames(string Table, string Container);
