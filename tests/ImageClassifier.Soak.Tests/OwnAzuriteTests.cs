using Azure;
using Azure.Storage.Blobs;
using ImageClassifier.Soak.Harness;

namespace ImageClassifier.Soak.Tests;

/// <summary>
/// The outage phase relies on its own Azurite keeping its data across a stop and a start, on ports of its own, so that
/// stopping it never touches another Azurite. Needs the repository's node_modules (test.sh runs npm ci).
/// </summary>
public sealed class OwnAzuriteTests
{
    [Fact]
    public async Task Own_azurite_keeps_its_blobs_across_a_stop_and_a_start_on_ports_other_than_10000()
    {
        var data = Directory.CreateTempSubdirectory("soak-azurite-");
        var log = Path.Combine(data.FullName, "azurite.log");
        try
        {
            await using var azurite = new OwnAzurite(RepositoryRoot.Find(), Path.Combine(data.FullName, "data"), log);
            await azurite.StartAsync();
            var options = new BlobClientOptions { Retry = { MaxRetries = 0 } };
            var container = new BlobServiceClient(azurite.ConnectionString, options).GetBlobContainerClient("survives");
            await container.CreateIfNotExistsAsync();
            await container.GetBlobClient("a/b.txt").UploadAsync(BinaryData.FromString("kept"));

            await azurite.StopAsync();
            var refused = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("a/b.txt").DownloadContentAsync());
            await azurite.StartAsync();
            var content = await container.GetBlobClient("a/b.txt").DownloadContentAsync();

            Assert.DoesNotContain(":10000/", azurite.ConnectionString, StringComparison.Ordinal);
            Assert.Equal(0, refused.Status); // no HTTP answer at all: the connection was refused
            Assert.Equal("kept", content.Value.Content.ToString());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
