using ImageClassifier.Storage;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// Event Grid redelivers events and blob copies raise duplicates: however often the same blob is processed, it has
/// exactly one entity, and an unchanged blob is not rewritten.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobIdempotencyTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Redelivered_event_leaves_the_one_entity_unwritten()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        await storage.Container(names).UploadBlobAsync("coffee.png", BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")));
        await BlobLabellingTests.RunBlobFunctionAsync(app, names, "coffee.png");
        var first = await EntitiesAsync(names);

        // Act
        await BlobLabellingTests.RunBlobFunctionAsync(app, names, "coffee.png");
        var second = await EntitiesAsync(names);

        // Assert
        var entity = Assert.Single(second);
        Assert.Equal(Assert.Single(first).ETag, entity.ETag);
        Assert.Equal("espresso", entity.TopLabel);
    }

    [SkippableFact]
    public async Task Concurrent_duplicate_events_leave_one_entity()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        await storage.Container(names).UploadBlobAsync("coffee.png", BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")));

        // Act
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => BlobLabellingTests.RunBlobFunctionAsync(app, names, "coffee.png")));
        var entities = await EntitiesAsync(names);

        // Assert
        Assert.Equal("espresso", Assert.Single(entities).TopLabel);
    }

    [SkippableFact]
    public async Task Reuploaded_identical_bytes_keep_one_entity_with_the_new_etag_and_the_first_labelling()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var blob = storage.Container(names).GetBlobClient("coffee.png");
        await blob.UploadAsync(BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")));
        await BlobLabellingTests.RunBlobFunctionAsync(app, names, "coffee.png");
        var first = Assert.Single(await EntitiesAsync(names));

        // Act
        var again = await blob.UploadAsync(BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")), overwrite: true);
        await BlobLabellingTests.RunBlobFunctionAsync(app, names, "coffee.png");
        var entities = await EntitiesAsync(names);

        // Assert
        var entity = Assert.Single(entities);
        Assert.Equal(again.Value.ETag.ToString(), entity.BlobETag);
        Assert.NotEqual(first.BlobETag, entity.BlobETag);
        Assert.Equal(first.ProcessedAt, entity.ProcessedAt);
        Assert.Equal(first.LabelsJson, entity.LabelsJson);
    }

    [SkippableFact]
    public async Task Replaced_content_under_the_same_name_is_relabelled_in_the_same_entity()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var blob = storage.Container(names).GetBlobClient("photo.png");
        await blob.UploadAsync(BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")));
        await BlobLabellingTests.RunBlobFunctionAsync(app, names, "photo.png");

        // Act
        await blob.UploadAsync(BinaryData.FromBytes(SharedData.ImageBytes("camera.png")), overwrite: true);
        await BlobLabellingTests.RunBlobFunctionAsync(app, names, "photo.png");
        var entities = await EntitiesAsync(names);

        // Assert
        Assert.Equal("tripod", Assert.Single(entities).TopLabel);
    }

    private async Task<List<LabelRecord>> EntitiesAsync(StorageNames names) =>
        await storage.Table(names).QueryAsync<LabelRecord>().ToListAsync();
}
