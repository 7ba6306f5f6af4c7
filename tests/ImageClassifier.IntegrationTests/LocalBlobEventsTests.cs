namespace ImageClassifier.IntegrationTests;

/// <summary>
/// With blob watching on, the local runner labels an uploaded blob on its own, as Event Grid and the queue trigger do
/// in Azure: the stand-in for Event Grid writes the event to the test's queue and ClassifyBlob drains it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalBlobEventsTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Blob_uploaded_while_the_runner_watches_is_labelled_and_its_event_removed_from_the_queue()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names), watchBlobs: true);
        // A bound for a hang, not a speed figure (serve's labelling speed is measured, see docs/local-blob-events.md).
        var limit = TimeSpan.FromSeconds(30);

        // Act
        await storage.UploadImageAsync(names, "drop/coffee.png");
        var response = await server.WaitForBlobLabelsAsync(names.Container, "drop/coffee.png", limit);
        var left = await MessagesLeftAsync(names.Queue, limit);

        // Assert
        Assert.True(response.Status == 200, $"not labelled within {limit.TotalSeconds} s: {response}");
        Assert.Equal("espresso", response.Json.GetProperty("labels")[0].GetProperty("label").GetString());
        Assert.Equal(0, left);
    }

    // The message is deleted just after the function returns, so a moment after the labels appear.
    private async Task<int> MessagesLeftAsync(string queue, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        int left;
        while ((left = (await storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return left;
    }
}
