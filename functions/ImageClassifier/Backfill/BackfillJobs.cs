using Azure.Storage.Blobs;

namespace ImageClassifier.Backfill;

/// <summary>Starts backfill jobs and reports on them.</summary>
public sealed class BackfillJobs(BlobServiceClient blobs, BackfillStore store, BackfillQueues queues)
{
    /// <summary>
    /// Records a new job and enqueues its first listing page; null when the container does not exist (nothing to
    /// list, so no job).
    /// </summary>
    public async Task<string?> StartAsync(string container, string prefix, BackfillMode mode, CancellationToken cancellationToken = default)
    {
        if (!(await blobs.GetBlobContainerClient(container).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value)
        {
            return null;
        }

        var job = NewJobId();
        await store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await queues.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = new BackfillRow
        {
            PartitionKey = job,
            RowKey = BackfillRow.JobKey,
            Container = container,
            Prefix = prefix,
            Mode = ModeName(mode),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await store.TryAddAsync(row, cancellationToken).ConfigureAwait(false);
        await queues.SendAsync(new BackfillPageMessage(job, container, prefix, mode, Page: 0, Continuation: null), cancellationToken).ConfigureAwait(false);
        return job;
    }

    /// <summary>The job's status; null for an id that names no job (including ids that cannot exist).</summary>
    public Task<BackfillStatus?> StatusAsync(string job, CancellationToken cancellationToken = default) =>
        IsJobId(job) ? store.StatusAsync(job, cancellationToken) : Task.FromResult<BackfillStatus?>(null);

    /// <summary>True when <paramref name="job"/> has the shape of a job id (32 lowercase hex digits).</summary>
    public static bool IsJobId(string job) => job.Length == 32 && job.All(char.IsAsciiHexDigitLower);

    /// <summary>A mode's name as requests, messages and the job row spell it.</summary>
    public static string ModeName(BackfillMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Reads a mode's name (case-sensitive, as documented); false for anything else.</summary>
    public static bool TryParseMode(string? name, out BackfillMode mode)
    {
        foreach (var candidate in Enum.GetValues<BackfillMode>())
        {
            if (ModeName(candidate) == name)
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }

    // Time-ordered, so a table scan lists jobs in the order they started.
    private static string NewJobId() => Guid.CreateVersion7().ToString("N");
}
