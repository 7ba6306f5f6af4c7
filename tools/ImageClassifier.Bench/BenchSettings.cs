using ImageClassifier.Models;

namespace ImageClassifier.Bench;

/// <summary>What to measure and how many times.</summary>
internal sealed record BenchSettings(ModelFiles Files, bool Quick, int Threads, string Device)
{
    public int Loads => Quick ? 3 : 7;

    public int FirstLoads => Quick ? 2 : 4;

    /// <summary>Timed serve starts, each beside a bare load; one more start is kept for the HTTP runs.</summary>
    public int ServeStarts => Quick ? 4 : 6;

    /// <summary>
    /// A model that loads much faster than <see cref="Files"/> (<c>--reference-model</c>), or null: serve is also started
    /// with it, in the same rounds, to show how much of a start is the host rather than the model load.
    /// </summary>
    public ModelFiles? Reference { get; init; }

    public int InferenceRuns => Quick ? 30 : 200;

    public int DecodeRuns => Quick ? 30 : 50;

    public int HttpSingle => Quick ? 30 : 100;

    public int HttpSingleLarge => Quick ? 30 : 50;

    public int HttpPerClient => Quick ? 6 : 25;

    public int HttpPerClientLarge => Quick ? 4 : 8;

    public int[] BatchSizes { get; } = [1, 4, 8, 16];

    /// <summary>Work item sizes the backfill runs with; the default (16) first, since the target is measured on it.</summary>
    public int[] BackfillItemSizes => Quick ? [16] : [16, 4, 64];
}
