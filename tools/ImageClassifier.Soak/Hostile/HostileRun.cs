using System.Diagnostics;
using ImageClassifier.Soak.Harness;

namespace ImageClassifier.Soak.Hostile;

/// <summary>Sends the corpus one request at a time and tallies what the acceptance lines count.</summary>
internal sealed record HostileRun(IReadOnlyList<HostileResult> Results, bool HealthyAfterwards)
{
    public int ServerErrors => Results.Count(r => r.Observed.IsServerError);

    public int ClientErrors => Results.Count(r => r.Observed.IsClientError);

    /// <summary>4xx without a problem body among the answers application code writes: the acceptance line.</summary>
    public int BareClientErrors => Results.Count(r => r.IsBareAppClientError);

    /// <summary>4xx without a problem body that Kestrel's parser wrote before any application code ran.</summary>
    public int ParserClientErrors => Results.Count(r => r.IsBareParserClientError);

    public int NoAnswer => Results.Count(r => r.Observed.Status is null);

    public int NotAsExpected => Results.Count(r => !r.AsExpected);

    public static async Task<HostileRun> RunAsync(Uri baseAddress, IReadOnlyList<HostileCase> corpus)
    {
        using var target = new HostileTarget(baseAddress, TimeSpan.FromSeconds(30));
        var results = new List<HostileResult>(corpus.Count);
        foreach (var request in corpus)
        {
            var clock = Stopwatch.StartNew();
            var observed = await request.SendAsync(target);
            results.Add(new HostileResult(request.Name, request.Transport, request.Expected.Text, observed, request.Expected.Holds(observed), clock.Elapsed.TotalSeconds, request.Expected.ByServerParser));
            if (results.Count % 10 == 0 || results.Count == corpus.Count)
            {
                Progress.Say("hostile", $"{results.Count}/{corpus.Count} sent; 5xx {results.Count(r => r.Observed.IsServerError)}, bare 4xx {results.Count(r => r.IsBareAppClientError)} (+{results.Count(r => r.IsBareParserClientError)} from Kestrel's parser)");
            }
        }

        var health = await target.HttpAsync(HttpMethod.Get, "api/health");
        return new HostileRun(results, health.Status == 200);
    }
}
