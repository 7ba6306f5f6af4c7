using System.Diagnostics;

namespace ImageClassifier.Soak.Harness;

/// <summary>One line per step on stdout, with the time since the run started, so a long run shows where it is.</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Say(string phase, string message) =>
        Console.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {phase,-10} {message}");
}
