namespace ImageClassifier.Soak.Memory;

/// <summary>
/// What a load run got back: answers by status, requests that got no answer by exception type, and 503s that did not
/// say when to try again (<c>Retry-After</c>).
/// </summary>
internal sealed record LoadOutcome(int Requests, TimeSpan Elapsed, SortedDictionary<int, int> Statuses, SortedDictionary<string, int> NoAnswer, int BusyWithoutRetryAfter = 0)
{
    public double RequestsPerSecond => Elapsed.TotalSeconds > 0 ? Requests / Elapsed.TotalSeconds : 0;

    public int Count(int status) => Statuses.GetValueOrDefault(status);

    public int ServerErrors => Statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
}
