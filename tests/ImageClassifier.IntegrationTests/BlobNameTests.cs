using ImageClassifier.Cli.Serve.Events;
using ImageClassifier.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Azure.Storage.Blobs;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// Blob names may hold spaces, any Unicode, <c>#</c>, <c>?</c>, folders, and run to 1024 characters: each is labelled
/// from the escaped URL in its BlobCreated event, and its labels read back over HTTP at
/// <c>/api/labels/{container}/{*blobName}</c> with the name escaped per segment.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobNameTests(StorageFixture storage)
{
    public static TheoryData<string> AwkwardNames => new()
    {
        "with spaces/my photo 1.png",
        "ünïcødé/咖啡 ☕ エスプレッソ.png",
        "hash#tag.png",
        "question?mark=1&x=2.png",
        "deep/nested/folders/of/many/levels/coffee.png",
        "percent%20and+plus.png",
        "long/" + new string('x', 1024 - "long/".Length - ".png".Length) + ".png",
    };

    [SkippableTheory]
    [MemberData(nameof(AwkwardNames))]
    public async Task Awkward_blob_name_is_labelled_and_reads_back_over_http(string blobName)
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names));
        await storage.Container(names).UploadBlobAsync(blobName, BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")));
        var blob = server.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(names.Container).GetBlobClient(blobName);

        // Act
        await ActivatorUtilities.CreateInstance<ClassifyBlobFunction>(server.Services).Run(BlobCreatedEvent.Json(blob), CancellationToken.None);
        var path = string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
        using var readBack = await server.Client.GetAsync($"api/labels/{names.Container}/{path}");
        var response = await FunctionResponse.ReadAsync(readBack);

        // Assert
        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal(blobName, response.Json.GetProperty("blobName").GetString());
        Assert.Equal("espresso", response.Json.GetProperty("labels")[0].GetProperty("label").GetString());
    }
}
