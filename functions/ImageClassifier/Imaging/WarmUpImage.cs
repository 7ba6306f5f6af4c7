using System.Buffers;
using ImageClassifier.Models;

namespace ImageClassifier.Imaging;

/// <summary>
/// A 64x48 JPEG carried in the assembly. A new instance decodes and preprocesses it while the model loads, so SkiaSharp's
/// native library and the decode and resize code are ready (loaded, compiled) before the first request needs them; that
/// work would otherwise follow the load on the first request's critical path (docs/performance.md, "Cold start").
/// </summary>
internal static class WarmUpImage
{
    private const string ResourceName = "ImageClassifier.Imaging.warm-up.jpg";

    private static readonly Lazy<byte[]> Bytes = new(Read);

    /// <summary>The encoded image.</summary>
    public static ReadOnlyMemory<byte> Jpeg => Bytes.Value;

    /// <summary>Decodes and preprocesses the image once with ImageNet's defaults; the result is thrown away.</summary>
    public static void Prime(ImageLimits limits)
    {
        var preprocessor = new Preprocessor(PreprocessSpec.ImageNetDefault);
        var tensor = ArrayPool<float>.Shared.Rent(preprocessor.TensorLength);
        try
        {
            using var decoded = new ImageDecoder(limits).Decode(Jpeg, preprocessor.ResizeSize);
            preprocessor.Run(decoded, tensor.AsSpan(0, preprocessor.TensorLength));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tensor);
        }
    }

    private static byte[] Read()
    {
        using var stream = typeof(WarmUpImage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its resource {ResourceName}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
