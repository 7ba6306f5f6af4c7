using SkiaSharp;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// Small distinct JPEGs, cheap to upload and decode: one 64x64 gradient, made distinct per index by a JPEG comment
/// segment (COM, right after SOI) that changes the bytes and not the pixels.
/// </summary>
public static class TinyJpegs
{
    private static readonly Lazy<byte[]> Base = new(Encode);

    public static byte[] Get(int index)
    {
        var jpeg = Base.Value;
        var text = System.Text.Encoding.ASCII.GetBytes($"tiny {index:D8}");
        byte[] segment = [0xFF, 0xFE, (byte)((text.Length + 2) >> 8), (byte)(text.Length + 2), .. text];
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    private static byte[] Encode()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 4), (byte)(y * 4), (byte)(255 - (x * 2))));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
