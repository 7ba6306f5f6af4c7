using SkiaSharp;

namespace ImageClassifier.Bench;

/// <summary>
/// Deterministic photo-like test images (smooth gradients, edges and seeded noise, so JPEG sizes resemble photos'),
/// and cheap distinct variants of one encoding: a JPEG comment segment carrying a counter changes the bytes (and so
/// every content hash) without changing the pixels.
/// </summary>
internal static class BenchImages
{
    public static byte[] Jpeg(int width, int height, int quality = 90) => Encode(width, height, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, 100);

    /// <summary>The same JPEG with a COM segment holding <paramref name="variant"/> right after SOI.</summary>
    public static byte[] Variant(byte[] jpeg, int variant)
    {
        var text = System.Text.Encoding.ASCII.GetBytes($"bench variant {variant:D8}");
        var segment = new byte[4 + text.Length];
        segment[0] = 0xFF;
        segment[1] = 0xFE;
        segment[2] = (byte)((text.Length + 2) >> 8);
        segment[3] = (byte)(text.Length + 2);
        text.CopyTo(segment, 4);
        var result = new byte[jpeg.Length + segment.Length];
        jpeg.AsSpan(0, 2).CopyTo(result);
        segment.CopyTo(result, 2);
        jpeg.AsSpan(2).CopyTo(result.AsSpan(2 + segment.Length));
        return result;
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        var random = new Random(width * 31 + height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var u = (double)x / width;
                var v = (double)y / height;
                var ring = Math.Sin(((u - 0.4) * (u - 0.4) + (v - 0.6) * (v - 0.6)) * 60) * 40;
                var block = ((x / Math.Max(width / 12, 1)) + (y / Math.Max(height / 9, 1))) % 2 == 0 ? 25 : -25;
                var noise = random.Next(-12, 13);
                var o = ((y * width) + x) * 4;
                pixels[o] = Clamp((200 * u) + ring + block + noise);
                pixels[o + 1] = Clamp((180 * v) + (ring / 2) + noise);
                pixels[o + 2] = Clamp((220 * (1 - u) * v) - block + noise);
                pixels[o + 3] = 255;
            }
        }

        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(value + 30, 0, 255);
}
