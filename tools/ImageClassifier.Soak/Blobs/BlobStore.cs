using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ImageClassifier.Soak.Harness;

namespace ImageClassifier.Soak.Blobs;

/// <summary>
/// The run's own storage as a client sees it: uploads to the <c>images</c> container and reads of table
/// <c>ImageLabels</c> (partition = container, one entity per blob with its name in <c>BlobName</c>, as the README
/// describes). Retries are few and short, so an outage shows up as failed uploads rather than a stalled run.
/// </summary>
internal sealed class BlobStore(string connectionString, string container = "images", string table = "ImageLabels")
{
    private readonly BlobContainerClient _container = new BlobServiceClient(connectionString, new BlobClientOptions
    {
        Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(200), NetworkTimeout = TimeSpan.FromSeconds(10) },
    }).GetBlobContainerClient(container);

    private readonly TableClient _table = new TableServiceClient(connectionString, new TableClientOptions
    {
        Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(200), NetworkTimeout = TimeSpan.FromSeconds(10) },
    }).GetTableClient(table);

    public string Container => container;

    /// <summary>Uploads <paramref name="blobs"/> a few at a time; returns the names the service confirmed.</summary>
    public async Task<IReadOnlyCollection<string>> UploadAsync(IEnumerable<(string Name, byte[] Bytes)> blobs, int parallelism, string? phase)
    {
        var confirmed = new ConcurrentBag<string>();
        var failed = 0;
        await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (blob, ct) =>
        {
            try
            {
                await _container.GetBlobClient(blob.Name).UploadAsync(BinaryData.FromBytes(blob.Bytes), overwrite: false, ct);
                confirmed.Add(blob.Name);
                if (phase is not null && confirmed.Count % 50 == 0)
                {
                    Progress.Say(phase, $"{confirmed.Count} blobs uploaded");
                }
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
        });
        if (phase is not null)
        {
            Progress.Say(phase, $"{confirmed.Count} uploads confirmed, {failed} failed");
        }

        return [.. confirmed];
    }

    /// <summary>
    /// Counts the table's entities for blobs whose names start with <paramref name="prefix"/>; with
    /// <paramref name="since"/>, only entities written since then are read, so polling costs Azurite less.
    /// </summary>
    public async Task<LabelTally> TallyAsync(string prefix, IReadOnlyCollection<string> uploaded, DateTimeOffset? since = null)
    {
        var entities = new List<(string, string)>();
        var filter = since is { } from
            ? TableClient.CreateQueryFilter($"PartitionKey eq {container} and Timestamp ge {from}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {container}");
        var query = _table.QueryAsync<TableEntity>(filter, select: ["BlobName", "Status"]);
        await foreach (var entity in query)
        {
            var name = entity.GetString("BlobName");
            if (name is not null && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                entities.Add((name, entity.GetString("Status") ?? ""));
            }
        }

        return LabelTally.Of(uploaded, entities);
    }

    /// <summary>
    /// Polls the table until every uploaded blob has its entity (or <paramref name="until"/> holds), or <paramref name="timeout"/>;
    /// returns the last tally, the time taken on <paramref name="clock"/>, and whether the condition was met.
    /// </summary>
    public async Task<(LabelTally Tally, TimeSpan Elapsed, bool Complete)> WaitForLabelsAsync(
        string prefix, IReadOnlyCollection<string> uploaded, TimeSpan timeout, string phase, Stopwatch? clock = null, Func<LabelTally, bool>? until = null, DateTimeOffset? since = null)
    {
        clock ??= Stopwatch.StartNew();
        until ??= t => t.Lost == 0;
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            LabelTally? tally = null;
            try
            {
                tally = await TallyAsync(prefix, uploaded, since);
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
            {
                // Storage not answering (yet): try again.
            }

            if ((tally is not null && until(tally)) || clock.Elapsed > timeout)
            {
                return (tally ?? await TallyAsync(prefix, uploaded, since), clock.Elapsed, tally is not null && until(tally));
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Progress.Say(phase, $"{tally?.Labelled.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}/{uploaded.Count} labelled after {clock.Elapsed.TotalSeconds:F0} s");
            }

            await Task.Delay(250);
        }
    }
}
