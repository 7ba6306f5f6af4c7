namespace ImageClassifier.Soak;

/// <summary>Counts and times of one run; <see cref="Quick"/> shortens the load and settle times for a busy machine.</summary>
internal sealed record SoakSettings(
    string ModelDirectory,
    string OutputDirectory,
    int Clients,
    int FewClients,
    int LoadSeconds,
    int SettleSeconds,
    int Blobs,
    int OutageSeconds,
    long MaxImageBytes,
    string? CliDll,
    bool Quick)
{
    /// <summary>The phases, in the order they run.</summary>
    public static readonly IReadOnlyList<string> AllPhases = ["hostile", "memory", "blobs"];

    /// <summary>Phases this run takes (<c>--phases</c>); the acceptance lines of the others read "not measured".</summary>
    public IReadOnlySet<string> Phases { get; init; } = AllPhases.ToHashSet();

    /// <summary>How long any wait for labels may take before the run reports what it has.</summary>
    public static readonly TimeSpan LabelTimeout = TimeSpan.FromSeconds(180);

    /// <summary>A shorter run: 20 s of load, 60 s of settling for the 64-client run only, 100 blobs.</summary>
    public SoakSettings Shortened() => this with { LoadSeconds = Math.Min(LoadSeconds, 20), Blobs = Math.Min(Blobs, 100), OutageSeconds = Math.Min(OutageSeconds, 5), Quick = true };

    /// <summary>Alternating classify and blob rounds of the throughput phase; the ratio compares their medians.</summary>
    public int ThroughputRounds => Quick ? 1 : 3;

    /// <summary>Settle time of the runs after the first: the acceptance line is about the first one.</summary>
    public int OtherSettleSeconds => Quick ? Math.Min(SettleSeconds, 10) : SettleSeconds;
}
