using System.Buffers.Binary;

namespace ImageClassifier.Tests.Support;

/// <summary>Writes a small, valid, uncompressed 8-bit grayscale TIFF: a real file of a format the engine refuses.</summary>
public static class TiffWriter
{
    public static byte[] Gray8(int width, int height)
    {
        (ushort Tag, ushort Type, int Value)[] entries =
        [
            (256, 3, width), // ImageWidth
            (257, 3, height), // ImageLength
            (258, 3, 8), // BitsPerSample
            (259, 3, 1), // Compression: none
            (262, 3, 1), // PhotometricInterpretation: BlackIsZero
            (273, 4, 0), // StripOffsets, patched below
            (277, 3, 1), // SamplesPerPixel
            (278, 3, height), // RowsPerStrip
            (279, 4, width * height), // StripByteCounts
        ];
        var ifdLength = 2 + (entries.Length * 12) + 4;
        var pixelOffset = 8 + ifdLength;
        var data = new byte[pixelOffset + (width * height)];
        var span = data.AsSpan();
        "II*\0"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 8);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var (tag, type, value) = entries[i];
            var entry = span[(10 + (i * 12))..];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], type);
            BinaryPrimitives.WriteInt32LittleEndian(entry[4..], 1);
            if (type == 3)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteInt32LittleEndian(entry[8..], tag == 273 ? pixelOffset : value);
            }
        }

        for (var i = 0; i < width * height; i++)
        {
            data[pixelOffset + i] = (byte)(i * 7);
        }

        return data;
    }
}
