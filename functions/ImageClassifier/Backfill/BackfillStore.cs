using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Backfill;

/// <summary>
/// The jobs table. Page and item rows are inserted, never updated, so a second delivery of a message finds its row
/// taken (409) and counts nothing; the only update is the job row's final snapshot, conditional on its ETag.
/// </summary>
public sealed class BackfillStore(TableServiceClient tables, IOptions<BackfillOptions> options)
{
    // Only the columns the status sums; a job of a million blobs has tens of thousands of item rows.
    private static readonly string[] StatusColumns = ["RowKey", "Listed", "Items", "Last", "Error", "CreatedAt", "Done", "Skipped", "Failed"];
    private readonly TableClient _table = tables.GetTableClient(options.Value.BackfillTable);

    /// <summary>Creates the table when it does not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Inserts <paramref name="row"/>; false when a row with its keys exists already (a replayed message).</summary>
    public async Task<bool> TryAddAsync(BackfillRow row, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>True when the row exists.</summary>
    public async Task<bool> ExistsAsync(string job, string rowKey, CancellationToken cancellationToken = default) =>
        (await _table.GetEntityIfExistsAsync<BackfillRow>(job, rowKey, ["RowKey"], cancellationToken).ConfigureAwait(false)).HasValue;

    /// <summary>
    /// The job's status, or null for a job that does not exist. An ended job's counts are kept in its own row the
    /// first time they are summed, so later reads are one point query.
    /// </summary>
    public async Task<BackfillStatus?> StatusAsync(string job, CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<BackfillRow>(job, BackfillRow.JobKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }

        if (row.State is { } kept && BackfillStatus.IsFinal(kept))
        {
            return BackfillStatus.Final(row);
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {job}");
        var rows = await _table.QueryAsync<BackfillRow>(filter, select: StatusColumns, cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var status = BackfillStatus.Sum(row, rows, DateTimeOffset.UtcNow, options.Value.BackfillPoisonedPageGrace);
        if (status.Ended)
        {
            await KeepFinalAsync(row, status, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    private async Task KeepFinalAsync(BackfillRow row, BackfillStatus status, CancellationToken cancellationToken)
    {
        row.State = status.State;
        row.Listed = status.Listed;
        row.Done = status.Done;
        row.Skipped = status.Skipped;
        row.Failed = status.Failed;
        row.Error = status.Error;
        try
        {
            await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Another reader kept the same sums first.
        }
    }
}
