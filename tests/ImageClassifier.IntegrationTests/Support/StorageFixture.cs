using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// The Azurite-backed fixture of the <see cref="AzuriteCollection"/>: checks that Azurite answers (failing every test
/// of the collection with what to run when it does not), hands each test its own table and container, and deletes
/// them all at the end.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private readonly ConcurrentBag<StorageNames> _created = [];

    public BlobServiceClient Blobs { get; private set; } = null!;

    public TableServiceClient Tables { get; private set; } = null!;

    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.RequireAsync();
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        Tables = new TableServiceClient(Azurite.ConnectionString);
        Queues = new QueueServiceClient(Azurite.ConnectionString);
    }

    /// <summary>A new, empty table and container with names no other test uses.</summary>
    public async Task<StorageNames> CreateNamesAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..16];
        var names = new StorageNames($"it{suffix}", $"it-{suffix}");
        _created.Add(names);
        await Blobs.GetBlobContainerClient(names.Container).CreateIfNotExistsAsync();
        await Tables.CreateTableIfNotExistsAsync(names.Table);
        return names;
    }

    public BlobContainerClient Container(StorageNames names) => Blobs.GetBlobContainerClient(names.Container);

    public TableClient Table(StorageNames names) => Tables.GetTableClient(names.Table);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    /// <summary>Uploads a shared test image as <paramref name="blobName"/> into the test's container.</summary>
    public async Task<BlobClient> UploadImageAsync(StorageNames names, string blobName, string image = "coffee.png")
    {
        var blob = Container(names).GetBlobClient(blobName);
        await blob.UploadAsync(BinaryData.FromBytes(SharedData.ImageBytes(image)), overwrite: true);
        return blob;
    }

    /// <summary>Every label record in the test's table.</summary>
    public async Task<List<ImageClassifier.Storage.LabelRecord>> RecordsAsync(StorageNames names) =>
        await Table(names).QueryAsync<ImageClassifier.Storage.LabelRecord>().ToListAsync();

    public async Task DisposeAsync()
    {
        foreach (var names in _created)
        {
            await Blobs.GetBlobContainerClient(names.Container).DeleteIfExistsAsync();
            await Tables.GetTableClient(names.Table).DeleteAsync();
            await Tables.GetTableClient(names.BackfillTable).DeleteAsync();
            foreach (var queue in names.Queues)
            {
                await Queues.GetQueueClient(queue).DeleteIfExistsAsync();
            }
        }
    }
}
