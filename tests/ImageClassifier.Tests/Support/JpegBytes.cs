using System.Buffers.Binary;

namespace ImageClassifier.Tests.Support;

/// <summary>Edits of encoded JPEGs: an EXIF orientation tag, a forged frame size, a cut-off stream.</summary>
public static class JpegBytes
{
    /// <summary>
    /// Inserts an APP1 "Exif" segment right after SOI holding a big-endian TIFF header and one IFD0 entry:
    /// Orientation (0x0112), SHORT, <paramref name="orientation"/> (1..8).
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        RequireSoi(jpeg);
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // header, IFD0 at offset 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)orientation, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        var segmentLength = 2 + 6 + tiff.Length;
        var app1 = new List<byte> { 0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength };
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        return [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)];
    }

    /// <summary>Rewrites the width and height in the SOF0/SOF2 frame header, leaving the compressed data as it was.</summary>
    public static byte[] WithFrameSize(byte[] jpeg, int width, int height)
    {
        RequireSoi(jpeg);
        var copy = (byte[])jpeg.Clone();
        var offset = 2;
        while (offset + 4 <= copy.Length && copy[offset] == 0xFF)
        {
            var marker = copy[offset + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(offset + 2));
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(offset + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(offset + 7), (ushort)width);
                return copy;
            }

            offset += 2 + length;
        }

        throw new InvalidOperationException("No SOF marker found before the scan.");
    }

    private static void RequireSoi(byte[] jpeg)
    {
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG: no SOI marker.", nameof(jpeg));
        }
    }
}
