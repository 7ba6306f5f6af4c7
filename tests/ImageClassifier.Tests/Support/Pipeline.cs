using ImageClassifier.Imaging;
using ImageClassifier.Models;
using SkiaSharp;

namespace ImageClassifier.Tests.Support;

/// <summary>The engine's decode and preprocess stages without a model, so tensors can be checked pixel by pixel.</summary>
internal static class Pipeline
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const long MaxPixels = 40_000_000;

    public static ImageLimits Limits { get; } = new(MaxBytes, MaxPixels);

    public static ImageDecoder Decoder { get; } = new(Limits);

    /// <summary>Checks the size, then decodes: the engine's order.</summary>
    public static DecodedImage Decode(byte[] encoded, PreprocessSpec? spec = null) =>
        Limits.CheckBytes(encoded.Length) is { } refused
            ? throw refused.ToException()
            : Decoder.Decode(encoded, (spec ?? PreprocessSpec.ImageNetDefault).ResizeSize);

    public static float[] Tensor(byte[] encoded, PreprocessSpec? spec = null)
    {
        spec ??= PreprocessSpec.ImageNetDefault;
        using var image = Decode(encoded, spec);
        return Tensor(image, spec);
    }

    public static float[] Tensor(DecodedImage image, PreprocessSpec? spec = null)
    {
        var preprocessor = new Preprocessor(spec ?? PreprocessSpec.ImageNetDefault);
        var tensor = new float[preprocessor.TensorLength];
        preprocessor.Run(image, tensor);
        return tensor;
    }

    /// <summary>A copy of <paramref name="source"/>'s pixels presented with another EXIF origin.</summary>
    public static unsafe DecodedImage WithOrigin(DecodedImage source, SKEncodedOrigin origin)
    {
        var copy = new DecodedImage(source.Width, source.Height, source.SourceWidth, source.SourceHeight, origin, source.Format);
        using var handle = copy.Pin();
        source.Pixels.CopyTo(new Span<byte>(handle.Pointer, checked((int)copy.ByteLength)));
        return copy;
    }

    /// <summary>(value * scale - mean) / std for channel <paramref name="channel"/> of the spec (the model's channel order), in double.</summary>
    public static double Normalised(double value, int channel, PreprocessSpec? spec = null)
    {
        spec ??= PreprocessSpec.ImageNetDefault;
        return ((value * spec.Scale) - spec.Mean[channel]) / spec.Std[channel];
    }

    /// <summary>Element (channel, y, x) of a CHW tensor of side <paramref name="size"/>.</summary>
    public static float At(float[] tensor, int channel, int y, int x, int size = 224) => tensor[(channel * size * size) + (y * size) + x];

    public static double MaxAbsDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Tensors differ in length.");
        }

        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    public static double MeanAbsDifference(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return sum / a.Length;
    }
}
