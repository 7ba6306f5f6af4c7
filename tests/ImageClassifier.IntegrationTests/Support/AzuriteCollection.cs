namespace ImageClassifier.IntegrationTests.Support;

/// <summary>Every test that touches Azurite runs in this collection, sharing one <see cref="StorageFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "Azurite";
}
