namespace ImageClassifier.Soak.Hostile;

/// <summary>A hostile request and what it got; <paramref name="ByServerParser"/>: Kestrel answers it before any app code.</summary>
internal sealed record HostileResult(string Name, string Transport, string Expected, Observed Observed, bool AsExpected, double Seconds, bool ByServerParser = false)
{
    /// <summary>A 4xx without a problem body that the application could have given one.</summary>
    public bool IsBareAppClientError => Observed.IsBareClientError && !ByServerParser;

    /// <summary>A 4xx without a problem body written by the web server's parser, which no application code sees.</summary>
    public bool IsBareParserClientError => Observed.IsBareClientError && ByServerParser;
}
