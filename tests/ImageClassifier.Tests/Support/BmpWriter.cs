using System.Buffers.Binary;

namespace ImageClassifier.Tests.Support;

/// <summary>Writes uncompressed 24-bit BMPs (Skia decodes BMP but cannot encode it).</summary>
public static class BmpWriter
{
    public static byte[] Rgb24(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        var rowBytes = ((width * 3) + 3) & ~3;
        var pixelBytes = rowBytes * height;
        var data = new byte[54 + pixelBytes];
        var span = data.AsSpan();
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], data.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], 54);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40); // BITMAPINFOHEADER
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], height); // positive: rows stored bottom-up
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], pixelBytes);
        BinaryPrimitives.WriteInt32LittleEndian(span[38..], 2835);
        BinaryPrimitives.WriteInt32LittleEndian(span[42..], 2835);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + ((height - 1 - y) * rowBytes);
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                data[row + (x * 3)] = b;
                data[row + (x * 3) + 1] = g;
                data[row + (x * 3) + 2] = r;
            }
        }

        return data;
    }
}
