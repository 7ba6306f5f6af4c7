using Azure.Storage.Blobs;
using ImageClassifier.Cli.Serve.Events;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// A blob named <c>wrd/ctl\u0001.jpg</c> makes Azurite's List Blobs answer 500 for any page holding it (issue 11). The
/// local stand-in for Event Grid still finds every other blob, before and after it in name order, and reports the
/// unlistable names once, however often it lists.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UnlistableBlobNameTests(StorageFixture storage)
{
    private static readonly string[] Listable = ["a.jpg", "wrd/abc.jpg", "wrd/ctl.jpg", "wrd/ctlz.jpg", "wrd/zzz.jpg", "zzz/1.jpg", "咖啡.png"];

    [SkippableFact]
    public async Task Scanner_lists_every_other_blob_and_reports_the_control_character_name_once()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        // No retries, as in serve: an unlistable page answers 500 every time.
        var container = new BlobServiceClient(Azurite.ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 0 } }).GetBlobContainerClient(names.Container);
        foreach (var name in Listable.Append("wrd/ctl\u0001.jpg").Append("wrd/ctl\u0002x.jpg"))
        {
            await container.UploadBlobAsync(name, BinaryData.FromString("x"));
        }

        var skipped = new List<string>();
        var scanner = new ContainerScanner(container, skipped.Add);

        // Act
        var first = await scanner.ScanAsync(CancellationToken.None).Select(b => b.Name).ToListAsync();
        var second = await scanner.ScanAsync(CancellationToken.None).Select(b => b.Name).ToListAsync();

        // Assert: Azurite really fails this listing, and the scanner still finds the rest, reporting the prefix once.
        await Assert.ThrowsAnyAsync<Exception>(async () => await container.GetBlobsAsync().ToListAsync());
        Assert.Equal(Listable.Order(StringComparer.Ordinal), first);
        Assert.Equal(first, second);
        Assert.Equal(["wrd/ctl"], skipped);
    }

    [SkippableFact]
    public async Task Blob_uploaded_after_an_unlistable_one_is_still_labelled_by_the_local_runner()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await storage.Container(names).UploadBlobAsync("wrd/ctl\u0001.jpg", BinaryData.FromBytes(SharedData.ImageBytes("coffee.png")));
        await using var server = await LocalServer.StartAsync(AppSettings.For(names), watchBlobs: true);

        // Act
        await storage.UploadImageAsync(names, "wrd/zzz.png");
        // A bound for a hang, not a speed figure: the search for where to resume costs a few hundred probes once.
        var response = await server.WaitForBlobLabelsAsync(names.Container, "wrd/zzz.png", TimeSpan.FromSeconds(60));

        // Assert
        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal("espresso", response.Json.GetProperty("labels")[0].GetProperty("label").GetString());
    }
}
