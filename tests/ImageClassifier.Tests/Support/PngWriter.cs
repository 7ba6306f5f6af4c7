using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ImageClassifier.Tests.Support;

/// <summary>
/// Writes PNGs byte by byte, for what Skia's encoder will not produce: 16-bit samples and headers that claim more pixels
/// than the data holds.
/// </summary>
public static class PngWriter
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A 16-bit RGB PNG (colour type 2); <paramref name="pixel"/> gives each pixel's 16-bit samples.</summary>
    public static byte[] Rgb16(int width, int height, Func<int, int, (ushort R, ushort G, ushort B)> pixel)
    {
        var raw = new byte[height * (1 + (width * 6))];
        var offset = 0;
        for (var y = 0; y < height; y++)
        {
            raw[offset++] = 0; // filter type None
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y);
                BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(offset), r);
                BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(offset + 2), g);
                BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(offset + 4), b);
                offset += 6;
            }
        }

        return Build(width, height, bitDepth: 16, colourType: 2, Compress(raw));
    }

    /// <summary>
    /// An 8-bit RGB PNG whose header declares <paramref name="width"/> x <paramref name="height"/> but whose single IDAT
    /// holds only a few rows of zeros: what a decompression bomb's header looks like to a decoder.
    /// </summary>
    public static byte[] HeaderOnly(int width, int height)
    {
        var someRows = new byte[4096];
        return Build(width, height, bitDepth: 8, colourType: 2, Compress(someRows));
    }

    private static byte[] Build(int width, int height, byte bitDepth, byte colourType, byte[] idat)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colourType;
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // not interlaced

        using var output = new MemoryStream();
        output.Write(Signature);
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", idat);
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static byte[] Compress(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        output.Write(word);
    }
}
