using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>Hand-made bytes for hostile uploads: real headers of refused formats, lying headers, noise.</summary>
public static class CraftedImages
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A valid little-endian TIFF of 8x8 grey pixels (a format the engine refuses).</summary>
    public static byte[] Tiff(bool bigEndian = false)
    {
        (ushort Tag, ushort Value)[] entries = [(256, 8), (257, 8), (258, 8), (259, 1), (262, 1), (273, 0), (277, 1), (278, 8), (279, 64)];
        var pixels = 8 + 2 + (entries.Length * 12) + 4;
        var data = new byte[pixels + 64];
        var span = data.AsSpan();
        (bigEndian ? "MM\0*"u8 : "II*\0"u8).CopyTo(span);
        Write32(span[4..], 8, bigEndian);
        Write16(span[8..], (ushort)entries.Length, bigEndian);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = span[(10 + (i * 12))..];
            Write16(entry, entries[i].Tag, bigEndian);
            Write16(entry[2..], 3, bigEndian); // SHORT
            Write32(entry[4..], 1, bigEndian);
            Write16(entry[8..], entries[i].Tag == 273 ? (ushort)pixels : entries[i].Value, bigEndian);
        }

        return data;
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> x <paramref name="height"/> but whose data holds a few rows: a decompression bomb's header.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(new byte[4096]);
        }

        using var output = new MemoryStream();
        output.Write(PngSignature);
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A GIF header and screen descriptor claiming 65535 x 65535 pixels, and nothing after.</summary>
    public static byte[] GifClaimingHuge() => [.. "GIF89a"u8, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x2C, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x02, 0x02, 0x4C, 0x01, 0x00, 0x3B];

    /// <summary>Random bytes that start like no image format.</summary>
    public static byte[] Noise(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x00;
        bytes[1] = 0x13;
        return bytes;
    }

    /// <summary>The first bytes of a HEIC file (an ISO BMFF <c>ftyp</c> box with the <c>heic</c> brand).</summary>
    public static byte[] HeicHeader() => [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]];

    public static byte[] Svg() => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>");

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type).CopyTo(typeAndData, 0);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    // CRC-32 (ISO 3309) as PNG chunks carry it; libpng rejects a critical chunk whose CRC is wrong.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static void Write16(Span<byte> span, ushort value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }

    private static void Write32(Span<byte> span, int value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, value);
        }
    }
}
