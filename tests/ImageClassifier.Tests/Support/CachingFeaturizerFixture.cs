namespace ImageClassifier.Tests.Support;

/// <summary>The featurizer engine with a repeat cache of two entries.</summary>
public sealed class CachingFeaturizerFixture : FeaturizerFixture
{
    public const int Capacity = 2;

    protected override void Configure(ClassifierOptions options) => options.CacheEntries = Capacity;
}
