using ImageClassifier.Backfill;
using ImageClassifier.Cli.Backfill;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// The whole flow locally: serve answers the backfill routes and drives the lister, the worker and the poison
/// function over Azurite as the host would; <c>imgclass backfill</c>'s client starts a job there and follows it to the
/// end, and says in words what went wrong when the service refuses.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BackfillOverServeTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Backfill_command_starts_a_job_on_serve_and_follows_it_to_done()
    {
        // Arrange: a container serve's Event Grid stand-in does not watch, so only the backfill labels it.
        var names = await storage.CreateNamesAsync();
        var old = storage.Blobs.GetBlobContainerClient(names.Container + "-old");
        await old.CreateIfNotExistsAsync();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                await old.GetBlobClient($"2019/{i}.jpg").UploadAsync(BinaryData.FromBytes(TinyJpegs.Get(i)));
            }

            await old.GetBlobClient("2019/broken.jpg").UploadAsync(BinaryData.FromBytes(SharedData.ImageBytes("truncated.jpg")));
            await using var server = await LocalServer.StartAsync(AppSettings.For(names), watchBlobs: true);
            var client = new BackfillClient(server.Client, server.BaseAddress, key: null);

            // Act
            var location = await client.StartAsync(old.Name, "2019/", "missing", CancellationToken.None);
            var final = await BackfillProgress.FollowAsync(ct => client.StatusAsync(location, ct), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

            // Assert
            Assert.Equal((BackfillStatus.Finished, 7, 6, 0, 1, 0), (final.State, final.Listed, final.Done, final.Skipped, final.Failed, final.Remaining));
            Assert.Equal(7, (await storage.RecordsAsync(names)).Count(r => r.Container == old.Name));
        }
        finally
        {
            await old.DeleteIfExistsAsync();
        }
    }

    [SkippableFact]
    public async Task Backfill_command_reports_the_problem_code_when_serve_refuses()
    {
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names));
        var client = new BackfillClient(server.Client, server.BaseAddress, key: null);

        var error = await Assert.ThrowsAsync<BackfillClientException>(() => client.StartAsync("no-such-" + names.Container, "", "missing", CancellationToken.None));

        Assert.StartsWith("404 container_not_found: ", error.Message);
    }
}
