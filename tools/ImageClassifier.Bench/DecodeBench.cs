namespace ImageClassifier.Bench;

/// <summary>Decode and preprocess timings per image, as the engine reports them for each classification.</summary>
internal static class DecodeBench
{
    public static async Task<DecodeFigure> MeasureAsync(ClassifierEngine engine, string name, byte[] image, int runs, CancellationToken cancellationToken)
    {
        var decode = new List<double>(runs);
        var preprocess = new List<double>(runs);
        // 40 unmeasured rounds first: .NET promotes a method to optimised code after 30 calls, and a serving process runs
        // the optimised code. The engine runs without its result cache, so each round decodes.
        for (var i = -40; i < runs; i++)
        {
            var timings = (await engine.ClassifyAsync(image, cancellationToken: cancellationToken)).Timings;
            if (i >= 0)
            {
                decode.Add(timings.DecodeMs);
                preprocess.Add(timings.PreprocessMs);
            }
        }

        return new DecodeFigure(name, image.Length, Stats.Of(decode), Stats.Of(preprocess), Stats.Of(decode.Zip(preprocess, (d, p) => d + p).ToArray()));
    }
}
