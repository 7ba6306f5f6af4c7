namespace ImageClassifier.Soak.Hostile;

/// <summary>
/// What a hostile request should get: a given 4xx (and code, when one is documented), any 4xx, a 2xx, or simply no 5xx.
/// The acceptance lines judge only 5xx and bare 4xx; a mismatch here is reported beside them for reading.
/// </summary>
internal sealed record Expectation(string Text, Func<Observed, bool> Holds)
{
    public static Expectation Reject(int status, string? code = null) => new(
        code is null ? $"{status} problem" : $"{status} {code}",
        o => o.Status == status && o.IsProblem && (code is null || o.Code == code));

    public static Expectation AnyClientError() => new("4xx problem", o => o.IsClientError && o.IsProblem);

    public static Expectation Accept() => new("200", o => o.Status == 200);

    public static Expectation NoServerError() => new("not 5xx", o => o.Status is not null && !o.IsServerError);
}
