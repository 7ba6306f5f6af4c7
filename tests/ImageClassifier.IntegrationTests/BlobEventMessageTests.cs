using System.Text;
using ImageClassifier.Cli.Serve.Events;
using ImageClassifier.Functions.Events;
using ImageClassifier.Functions.Triggers;
using ImageClassifier.Storage;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// ClassifyBlob reads the BlobCreated event however the queue trigger hands it over (decoded JSON, or still base64),
/// in the Event Grid or the CloudEvents schema; events it must not act on, and messages that are no event at all,
/// complete without a record and without an exception, so they are never retried into the poison queue.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobEventMessageTests(StorageFixture storage)
{
    public static TheoryData<string> Encodings => ["json", "base64", "cloudevents"];

    [SkippableTheory]
    [MemberData(nameof(Encodings))]
    public async Task Blob_created_event_is_labelled_whatever_its_encoding_and_schema(string encoding)
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var blob = await storage.UploadImageAsync(names, "cups/coffee 1.png");
        var json = BlobCreatedEvent.Json(blob);
        var message = encoding switch
        {
            "base64" => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)),
            "cloudevents" => JsonSerializer.Serialize(new { specversion = "1.0", type = "Microsoft.Storage.BlobCreated", source = "/subscriptions/x", id = "1", data = new { url = blob.Uri.AbsoluteUri } }),
            _ => json,
        };

        // Act
        await app.Create<ClassifyBlobFunction>().Run(message, CancellationToken.None);

        // Assert
        var record = Assert.Single(await storage.RecordsAsync(names));
        Assert.Equal("cups/coffee 1.png", record.BlobName);
        Assert.Equal("espresso", record.TopLabel);
    }

    public static TheoryData<string, string> Ignored => new()
    {
        { "other container", """{"eventType":"Microsoft.Storage.BlobCreated","data":{"url":"http://127.0.0.1:10000/devstoreaccount1/elsewhere/coffee.png"}}""" },
        { "deleted event", """{"eventType":"Microsoft.Storage.BlobDeleted","data":{"url":"{url}"}}""" },
        { "not JSON", "this is not an event" },
        { "no url", """{"eventType":"Microsoft.Storage.BlobCreated","data":{}}""" },
        { "empty array", "[]" },
        { "url names no blob", """{"eventType":"Microsoft.Storage.BlobCreated","data":{"url":"http://127.0.0.1:10000/devstoreaccount1/"}}""" },
    };

    [SkippableTheory]
    [MemberData(nameof(Ignored))]
    public async Task Message_that_is_not_a_blob_created_event_for_the_images_container_completes_without_a_record(string kind, string message)
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var blob = await storage.UploadImageAsync(names, "coffee.png");

        // Act
        var exception = await Record.ExceptionAsync(() => app.Create<ClassifyBlobFunction>().Run(message.Replace("{url}", blob.Uri.AbsoluteUri), CancellationToken.None));

        // Assert
        Assert.True(exception is null, $"{kind}: {exception}");
        Assert.Empty(await storage.RecordsAsync(names));
    }

    [Fact]
    public void Array_of_events_yields_each_event()
    {
        var events = BlobEventMessage.Parse("""[{"eventType":"A","data":{"url":"http://h/c/a"}},{"type":"B","data":{"url":"http://h/c/b"}}]""", out var problem);

        Assert.Null(problem);
        Assert.Equal([new BlobEventMessage("A", "http://h/c/a"), new BlobEventMessage("B", "http://h/c/b")], events);
    }
}
