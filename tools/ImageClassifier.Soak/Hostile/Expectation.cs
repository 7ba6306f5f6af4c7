namespace ImageClassifier.Soak.Hostile;

/// <summary>
/// What a hostile request should get: a given 4xx (and code, when one is documented), any 4xx, a 2xx, or simply no 5xx.
/// The acceptance lines judge only 5xx and bare 4xx; a mismatch here is reported beside them for reading.
/// </summary>
/// <param name="ByServerParser">
/// Kestrel rejects the request while parsing it and writes the answer itself, before any middleware or function runs,
/// so no application code can give it a body (docs/reliability.md, "Problem bodies"). Its bare 4xx is counted apart.
/// </param>
internal sealed record Expectation(string Text, Func<Observed, bool> Holds, bool ByServerParser = false)
{
    public static Expectation Reject(int status, string? code = null) => new(
        code is null ? $"{status} problem" : $"{status} {code}",
        o => o.Status == status && o.IsProblem && (code is null || o.Code == code));

    /// <summary>The web server's own 4xx, written before any application code runs; with or without a body.</summary>
    public static Expectation ServerParserReject(int status) => new($"Kestrel's own {status}", o => o.Status == status, ByServerParser: true);

    public static Expectation AnyClientError() => new("4xx problem", o => o.IsClientError && o.IsProblem);

    public static Expectation Accept() => new("200", o => o.Status == 200);

    public static Expectation NoServerError() => new("not 5xx", o => o.Status is not null && !o.IsServerError);
}
