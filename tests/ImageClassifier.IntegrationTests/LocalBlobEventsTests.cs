using System.Diagnostics;
using ImageClassifier.Cli.Serve.Events;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// With blob watching on, the local runner labels an uploaded blob on its own, as Event Grid and the queue trigger do
/// in Azure: the stand-in for Event Grid writes the event to the test's queue and ClassifyBlob drains it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalBlobEventsTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Blob_uploaded_while_the_runner_watches_is_labelled_within_the_idle_listing_interval_and_two_seconds()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names), watchBlobs: true);
        var limit = LocalEventGrid.MaxInterval + TimeSpan.FromSeconds(2);

        // Act
        await storage.UploadImageAsync(names, "drop/coffee.png");
        var uploaded = Stopwatch.StartNew();
        var response = await server.WaitForBlobLabelsAsync(names.Container, "drop/coffee.png", limit);

        // Assert
        Assert.True(response.Status == 200, $"not labelled within {limit.TotalSeconds} s: {response}");
        Assert.Equal("espresso", response.Json.GetProperty("labels")[0].GetProperty("label").GetString());
        Assert.Equal(0, (await storage.Queue(names.Queue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
