using ImageClassifier.Cli.Serve.Events;
using ImageClassifier.Functions.Triggers;
using ImageClassifier.Storage;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// An event the host gave up on lands in the poison queue; ClassifyBlobPoison records its blob as failed with the
/// reason, so no upload goes without a record, and leaves alone a record that already describes the blob.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PoisonEventTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Poisoned_event_records_its_blob_as_failed_with_the_reason()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var blob = await storage.UploadImageAsync(names, "coffee.png");

        // Act
        await app.Create<ClassifyBlobPoisonFunction>().Run(BlobCreatedEvent.Json(blob), CancellationToken.None);

        // Assert
        var record = Assert.Single(await storage.RecordsAsync(names));
        Assert.Equal(LabelRecord.StatusFailed, record.Status);
        Assert.Equal(BlobLabeller.RetriesExhaustedCode, record.ErrorCode);
        Assert.Equal(ClassifyBlobPoisonFunction.Reason, record.ErrorMessage);
        Assert.Equal((await blob.GetPropertiesAsync()).Value.ETag.ToString(), record.BlobETag);
    }

    [SkippableFact]
    public async Task Poisoned_event_delivered_twice_leaves_the_first_record_unwritten()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var blob = await storage.UploadImageAsync(names, "coffee.png");
        await app.Create<ClassifyBlobPoisonFunction>().Run(BlobCreatedEvent.Json(blob), CancellationToken.None);
        var first = Assert.Single(await storage.RecordsAsync(names));

        // Act
        await app.Create<ClassifyBlobPoisonFunction>().Run(BlobCreatedEvent.Json(blob), CancellationToken.None);

        // Assert
        Assert.Equal(first.ETag, Assert.Single(await storage.RecordsAsync(names)).ETag);
    }

    [SkippableFact]
    public async Task Poisoned_event_for_a_blob_labelled_meanwhile_keeps_its_labels()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var blob = await storage.UploadImageAsync(names, "coffee.png");
        await app.Create<ClassifyBlobFunction>().Run(BlobCreatedEvent.Json(blob), CancellationToken.None);

        // Act
        await app.Create<ClassifyBlobPoisonFunction>().Run(BlobCreatedEvent.Json(blob), CancellationToken.None);

        // Assert
        var record = Assert.Single(await storage.RecordsAsync(names));
        Assert.Equal(LabelRecord.StatusOk, record.Status);
        Assert.Equal("espresso", record.TopLabel);
    }
}
