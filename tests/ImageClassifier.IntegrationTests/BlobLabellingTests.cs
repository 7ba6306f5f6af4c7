using ImageClassifier.Cli.Serve.Events;
using ImageClassifier.Functions.Triggers;
using ImageClassifier.Storage;
using Microsoft.Extensions.DependencyInjection;
using Azure.Storage.Blobs;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// The blob function fed what the queue trigger hands it in Azure (the BlobCreated event Event Grid wrote to the
/// queue, decoded), after an upload with the Storage SDK; the entity is read back from the table.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobLabellingTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Uploaded_photo_is_labelled_and_its_entity_names_the_blob()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var upload = await storage.Container(names).UploadBlobAsync("cups/coffee.png", BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")));

        // Act
        await RunBlobFunctionAsync(app, names, "cups/coffee.png");
        var entity = await BlobEntityAsync(names, "cups/coffee.png");

        // Assert
        Assert.Equal("ok", entity.Status);
        Assert.Equal("blob", entity.Source);
        Assert.Equal("espresso", entity.TopLabel);
        Assert.Equal(names.Container, entity.Container);
        Assert.Equal("cups/coffee.png", entity.BlobName);
        Assert.Equal(upload.Value.ETag.ToString(), entity.BlobETag);
        Assert.Equal(SharedData.ImageBytes("coffee.png").Length, entity.Length);
    }

    [SkippableFact]
    public async Task Corrupt_blob_is_recorded_as_failed_with_its_reason()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        await storage.Container(names).UploadBlobAsync("truncated.jpg", BinaryData.FromBytes(SharedData.ImageBytes("truncated.jpg")));

        // Act
        var exception = await Record.ExceptionAsync(() => RunBlobFunctionAsync(app, names, "truncated.jpg"));
        var entity = await BlobEntityAsync(names, "truncated.jpg");

        // Assert: recorded and returned normally, so the platform does not retry it into the poison queue.
        Assert.Null(exception);
        Assert.Equal("failed", entity.Status);
        Assert.Equal("corrupt_image", entity.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(entity.ErrorMessage));
        Assert.Null(entity.TopLabel);
    }

    [SkippableFact]
    public async Task Stored_blob_labels_read_back_through_the_labels_function()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        await storage.Container(names).UploadBlobAsync("camera.png", BinaryData.FromBytes(SharedData.ImageBytes("camera.png")));
        await RunBlobFunctionAsync(app, names, "camera.png");
        var context = Requests.Get(app.Services);

        // Act
        var result = await app.Create<LabelsFunction>().ByBlob(context.Request, names.Container, "camera.png", CancellationToken.None);
        var response = await FunctionResponse.ExecuteAsync(result, context);

        // Assert
        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal("blob", response.Json.GetProperty("source").GetString());
        Assert.Equal("camera.png", response.Json.GetProperty("blobName").GetString());
        Assert.Equal("tripod", response.Json.GetProperty("labels")[0].GetProperty("label").GetString());
    }

    internal static async Task RunBlobFunctionAsync(FunctionApp app, StorageNames names, string blobName)
    {
        var blob = app.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(names.Container).GetBlobClient(blobName);
        await app.Create<ClassifyBlobFunction>().Run(BlobCreatedEvent.Json(blob), CancellationToken.None);
    }

    private async Task<LabelRecord> BlobEntityAsync(StorageNames names, string blobName)
    {
        var (partition, row) = TableKeys.ForBlob(names.Container, blobName);
        return (await storage.Table(names).GetEntityAsync<LabelRecord>(partition, row)).Value;
    }
}
