using System.Buffers;
using System.Diagnostics;
using ImageClassifier.Imaging;
using ImageClassifier.Models;

namespace ImageClassifier.Cli.Bench;

/// <summary>Decode and preprocess timings per image, through the engine's own decoder and preprocessor.</summary>
internal static class DecodeBench
{
    public static DecodeFigure Measure(string name, byte[] image, PreprocessSpec spec, int runs)
    {
        var decoder = new ImageDecoder(long.MaxValue, long.MaxValue);
        var preprocessor = new Preprocessor(spec);
        var tensor = ArrayPool<float>.Shared.Rent(preprocessor.TensorLength);
        var decode = new List<double>(runs);
        var preprocess = new List<double>(runs);
        try
        {
            // 40 unmeasured rounds first: .NET promotes a method to optimised code after 30 calls, and a serving
            // process runs the optimised code.
            for (var i = -40; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var decoded = decoder.Decode(image, preprocessor.ResizeSize);
                var decodedAt = Stopwatch.GetTimestamp();
                preprocessor.Run(decoded, tensor.AsSpan(0, preprocessor.TensorLength));
                if (i >= 0)
                {
                    decode.Add(Stopwatch.GetElapsedTime(started, decodedAt).TotalMilliseconds);
                    preprocess.Add(Stopwatch.GetElapsedTime(decodedAt).TotalMilliseconds);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tensor);
        }

        return new DecodeFigure(name, image.Length, Stats.Of(decode), Stats.Of(preprocess), Stats.Of(decode.Zip(preprocess, (d, p) => d + p).ToArray()));
    }
}
