using Azure;
using Azure.Data.Tables;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Storage;

/// <summary>
/// Reads and writes <see cref="LabelRecord"/> entities. Every lookup is a point query on (PartitionKey, RowKey); only
/// <see cref="RecordedVersionsAsync"/> reads a whole partition.
/// </summary>
public sealed class LabelStore(TableServiceClient tables, IOptions<StorageOptions> options)
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.LabelsTable);

    /// <summary>The table's name.</summary>
    public string TableName => _table.Name;

    /// <summary>Creates the table when it does not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The record of a blob, or null.</summary>
    public Task<LabelRecord?> FindBlobAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        var (partition, row) = TableKeys.ForBlob(container, blobName);
        return FindAsync(partition, row, cancellationToken);
    }

    /// <summary>The record of an HTTP result, or null (also for ids that cannot exist).</summary>
    public Task<LabelRecord?> FindUploadAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsUploadId(id))
        {
            return Task.FromResult<LabelRecord?>(null);
        }

        var (partition, row) = TableKeys.ForUpload(id);
        return FindAsync(partition, row, cancellationToken);
    }

    /// <summary>Writes the record, replacing any earlier one with the same keys, so a blob always has exactly one.</summary>
    public async Task SaveAsync(LabelRecord record, CancellationToken cancellationToken = default)
    {
        using var span = ClassifierTelemetry.StartSpan(TelemetryNames.StoreSpan);
        await _table.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a blob's record only if the stored one is still <paramref name="expected"/> (null: only if there is none).
    /// A conflict throws <see cref="RequestFailedException"/> with status 409 (added meanwhile) or 412 (changed meanwhile).
    /// </summary>
    public async Task SaveBlobAsync(LabelRecord record, ETag? expected, CancellationToken cancellationToken = default)
    {
        using var span = ClassifierTelemetry.StartSpan(TelemetryNames.StoreSpan);
        if (expected is { } etag)
        {
            await _table.UpdateEntityAsync(record, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _table.AddEntityAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The blob ETag recorded for each blob name of <paramref name="container"/> (two columns of its partition); empty
    /// when the table does not exist yet.
    /// </summary>
    public async Task<Dictionary<string, string>> RecordedVersionsAsync(string container, CancellationToken cancellationToken = default)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {container}"),
            select: [nameof(LabelRecord.BlobName), nameof(LabelRecord.BlobETag)],
            cancellationToken: cancellationToken);
        try
        {
            await foreach (var entity in query.ConfigureAwait(false))
            {
                if (entity.GetString(nameof(LabelRecord.BlobName)) is { } name && entity.GetString(nameof(LabelRecord.BlobETag)) is { } etag)
                {
                    versions[name] = etag;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing recorded.
        }

        return versions;
    }

    private async Task<LabelRecord?> FindAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<LabelRecord>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}
