using System.Buffers.Binary;
using SkiaSharp;

namespace ImageClassifier.Soak.Images;

/// <summary>Images made for the hostile corpus: small files that claim to be far larger than the data they carry.</summary>
internal static class CraftedImages
{
    /// <summary>A real 640x427 photo as JPEG, whose frame header is rewritten to declare <paramref name="width"/>x<paramref name="height"/>.</summary>
    public static byte[] JpegDeclaring(byte[] photoJpeg, int width, int height)
    {
        var bytes = (byte[])photoJpeg.Clone();
        for (var i = 2; i + 9 < bytes.Length; i++)
        {
            // SOF0 (baseline) or SOF2 (progressive): FF Cx, length(2), precision(1), height(2), width(2).
            if (bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), (ushort)width);
                return bytes;
            }
        }

        throw new ArgumentException("No baseline or progressive frame header in the JPEG.", nameof(photoJpeg));
    }

    /// <summary>
    /// A 68-byte GIF whose screen and only frame declare 6000x6600: a few pixels of LZW data, then the end code. A
    /// decoder that allocates the declared canvas spends about 150 MB on it.
    /// </summary>
    public static byte[] GifBomb()
    {
        const int Width = 6000, Height = 6600, DataBytes = 35;
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(size, Width);
        BinaryPrimitives.WriteUInt16LittleEndian(size[2..], Height);
        gif.Write(size);
        gif.Write([0x80, 0, 0]); // a global colour table of two entries, background 0, no aspect ratio
        gif.Write([0, 0, 0, 255, 255, 255]);
        gif.WriteByte(0x2C); // image descriptor at 0,0 with the same size, no local table
        gif.Write([0, 0, 0, 0]);
        gif.Write(size);
        gif.WriteByte(0);
        gif.WriteByte(2); // LZW minimum code size: codes are 3 bits, clear = 4, end = 5
        gif.WriteByte(DataBytes);
        gif.Write(LzwPixels(DataBytes));
        gif.WriteByte(0); // end of the frame's data
        gif.WriteByte(0x3B); // trailer
        return gif.ToArray();
    }

    /// <summary>A JPEG of a PNG photo resized to <paramref name="width"/>x<paramref name="height"/>.</summary>
    public static byte[] JpegOf(byte[] png, int width, int height, int quality = 90)
    {
        using var source = SKBitmap.Decode(png) ?? throw new ArgumentException("Not a decodable image.", nameof(png));
        using var resized = source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear));
        using var image = SKImage.FromBitmap(resized);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    // Codes "clear, pixel 0" repeated keep the code width at 3 bits; then the end code, then zero bits to fill the block.
    private static byte[] LzwPixels(int length)
    {
        var output = new byte[length];
        var bit = 0;
        void Emit(int code)
        {
            for (var i = 0; i < 3; i++, bit++)
            {
                output[bit / 8] |= (byte)(((code >> i) & 1) << (bit % 8));
            }
        }

        while (bit + 9 <= length * 8 - 8)
        {
            Emit(4);
            Emit(0);
        }

        Emit(5);
        return output;
    }
}
