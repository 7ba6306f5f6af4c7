using ImageClassifier.Soak.Blobs;
using ImageClassifier.Soak.Hostile;
using ImageClassifier.Soak.Memory;

namespace ImageClassifier.Soak.Report;

/// <summary>Everything one run measured, with what it ran against; a phase that did not run is null.</summary>
internal sealed record SoakReport(
    DateTimeOffset Started,
    string Commit,
    string Command,
    string Machine,
    SoakSettings Settings,
    HostileRun? Hostile,
    IReadOnlyList<MemoryResult> Memory,
    ThroughputResult? Throughput,
    KillResult? Kill,
    OutageResult? Outage,
    IReadOnlyList<string> HarnessErrors)
{
    public IReadOnlyList<Verdict> Verdicts => Acceptance.Judge(this);
}
