using System.Diagnostics;

namespace ImageClassifier.IntegrationTests;

/// <summary>With blob watching on, the local runner labels an uploaded blob on its own, as Event Grid does in Azure.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalBlobEventsTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Blob_uploaded_while_the_runner_watches_is_labelled_within_two_seconds()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names), watchBlobs: true);

        // Act
        await storage.Container(names).UploadBlobAsync("drop/coffee.png", BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")));
        var uploaded = Stopwatch.StartNew();
        FunctionResponse response;
        do
        {
            using var answer = await server.Client.GetAsync($"api/labels/{names.Container}/drop/coffee.png");
            response = await FunctionResponse.ReadAsync(answer);
            if (response.Status == 200)
            {
                break;
            }

            await Task.Delay(50);
        }
        while (uploaded.Elapsed < TimeSpan.FromSeconds(2));

        // Assert
        Assert.True(response.Status == 200, $"not labelled within 2 s: {response}");
        Assert.Equal("espresso", response.Json.GetProperty("labels")[0].GetProperty("label").GetString());
    }
}
