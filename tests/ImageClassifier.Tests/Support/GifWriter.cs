using System.Text;

namespace ImageClassifier.Tests.Support;

/// <summary>
/// Writes GIF89a files (Skia has no GIF encoder): a 256-colour global palette and one or more full-size frames, each
/// LZW-coded with 9-bit codes and a clear code every 250 pixels so the code table never grows past 9 bits.
/// </summary>
public static class GifWriter
{
    private const int ClearCode = 256;
    private const int EndCode = 257;
    private const int PixelsPerClear = 250;

    /// <summary>An animated GIF of <paramref name="frames"/> (palette indices, row-major) over <paramref name="palette"/>.</summary>
    public static byte[] Write(int width, int height, IReadOnlyList<(byte R, byte G, byte B)> palette, params byte[][] frames)
    {
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        WriteUInt16(output, width);
        WriteUInt16(output, height);
        output.WriteByte(0xF7); // global colour table, 8 bits per primary, 256 entries
        output.WriteByte(0); // background colour index
        output.WriteByte(0); // no aspect ratio
        for (var i = 0; i < 256; i++)
        {
            var (r, g, b) = i < palette.Count ? palette[i] : ((byte)0, (byte)0, (byte)0);
            output.WriteByte(r);
            output.WriteByte(g);
            output.WriteByte(b);
        }

        if (frames.Length > 1)
        {
            // NETSCAPE2.0 application extension: loop forever, which is what makes viewers animate.
            output.Write([0x21, 0xFF, 0x0B]);
            output.Write(Encoding.ASCII.GetBytes("NETSCAPE2.0"));
            output.Write([0x03, 0x01, 0x00, 0x00, 0x00]);
        }

        foreach (var frame in frames)
        {
            output.Write([0x21, 0xF9, 0x04, 0x04, 0x0A, 0x00, 0x00, 0x00]); // graphic control: do not dispose, 100 ms
            output.WriteByte(0x2C);
            WriteUInt16(output, 0);
            WriteUInt16(output, 0);
            WriteUInt16(output, width);
            WriteUInt16(output, height);
            output.WriteByte(0); // no local colour table, not interlaced
            output.WriteByte(8); // LZW minimum code size
            var data = Lzw(frame);
            for (var offset = 0; offset < data.Length; offset += 255)
            {
                var length = Math.Min(255, data.Length - offset);
                output.WriteByte((byte)length);
                output.Write(data, offset, length);
            }

            output.WriteByte(0);
        }

        output.WriteByte(0x3B);
        return output.ToArray();
    }

    private static byte[] Lzw(byte[] indices)
    {
        var bits = new List<byte>();
        int buffer = 0, count = 0;
        void Emit(int code)
        {
            buffer |= code << count;
            count += 9;
            while (count >= 8)
            {
                bits.Add((byte)buffer);
                buffer >>= 8;
                count -= 8;
            }
        }

        for (var i = 0; i < indices.Length; i++)
        {
            if (i % PixelsPerClear == 0)
            {
                Emit(ClearCode);
            }

            Emit(indices[i]);
        }

        Emit(EndCode);
        if (count > 0)
        {
            bits.Add((byte)buffer);
        }

        return [.. bits];
    }

    private static void WriteUInt16(Stream output, int value)
    {
        output.WriteByte((byte)value);
        output.WriteByte((byte)(value >> 8));
    }
}
