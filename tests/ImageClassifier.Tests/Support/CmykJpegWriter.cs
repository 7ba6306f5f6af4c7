namespace ImageClassifier.Tests.Support;

/// <summary>
/// Writes a baseline four-component (CMYK) JPEG with an Adobe APP14 marker, as Photoshop does; Skia cannot encode one.
/// Every 8x8 block is one flat colour, so each block's only non-zero DCT coefficient is DC = 8 * (value - 128), which with
/// a quantisation table of ones is coded exactly, and every AC run is a lone end-of-block. Samples are stored the Adobe
/// way, inverted (255 = no ink), so a decoder shows (c * k / 255, m * k / 255, y * k / 255) as RGB.
/// </summary>
public static class CmykJpegWriter
{
    // The DC table of ITU T.81 Annex K.3 (luminance): code lengths for categories 0..11.
    private static readonly byte[] DcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] DcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    /// <param name="blocksWide">Width in 8x8 blocks.</param>
    /// <param name="blocksHigh">Height in 8x8 blocks.</param>
    /// <param name="block">The stored (inverted) C, M, Y, K samples of block (bx, by).</param>
    public static byte[] Write(int blocksWide, int blocksHigh, Func<int, int, (byte C, byte M, byte Y, byte K)> block)
    {
        using var output = new MemoryStream();
        output.Write([0xFF, 0xD8]);

        // APP14 "Adobe", version 100, no flags, transform 0 (the samples are CMYK, not YCCK).
        output.Write([0xFF, 0xEE, 0x00, 0x0E, (byte)'A', (byte)'d', (byte)'o', (byte)'b', (byte)'e', 0x00, 0x64, 0, 0, 0, 0, 0]);

        output.Write([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        output.Write(Enumerable.Repeat((byte)1, 64).ToArray());

        var width = blocksWide * 8;
        var height = blocksHigh * 8;
        output.Write([0xFF, 0xC0, 0x00, 0x14, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x04]);
        for (byte c = 1; c <= 4; c++)
        {
            output.Write([c, 0x11, 0x00]);
        }

        output.Write([0xFF, 0xC4, 0x00, (byte)(2 + 1 + 16 + DcValues.Length), 0x00]);
        output.Write(DcBits);
        output.Write(DcValues);

        // AC table with a single one-bit code, for EOB (run 0, size 0): every block ends right after its DC.
        output.Write([0xFF, 0xC4, 0x00, 0x14, 0x10, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);

        output.Write([0xFF, 0xDA, 0x00, 0x0E, 0x04, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x00, 0x3F, 0x00]);
        output.Write(EntropyCoded(blocksWide, blocksHigh, block));
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    private static byte[] EntropyCoded(int blocksWide, int blocksHigh, Func<int, int, (byte C, byte M, byte Y, byte K)> block)
    {
        var (codes, lengths) = CanonicalCodes(DcBits, DcValues);
        var writer = new BitWriter();
        var previous = new int[4];
        for (var by = 0; by < blocksHigh; by++)
        {
            for (var bx = 0; bx < blocksWide; bx++)
            {
                var (c, m, y, k) = block(bx, by);
                byte[] samples = [c, m, y, k];
                for (var component = 0; component < 4; component++)
                {
                    var dc = 8 * (samples[component] - 128);
                    var diff = dc - previous[component];
                    previous[component] = dc;
                    var category = diff == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs(diff));
                    writer.Write(codes[category], lengths[category]);
                    if (category > 0)
                    {
                        // Negative differences are sent as diff - 1 in 'category' bits (T.81 F.1.2.1).
                        writer.Write(diff > 0 ? diff : diff + (1 << category) - 1, category);
                    }

                    writer.Write(0, 1); // EOB
                }
            }
        }

        return writer.Finish();
    }

    // T.81 Annex C: codes of each length are consecutive, starting where the previous length's codes ended, shifted left.
    private static (int[] Codes, int[] Lengths) CanonicalCodes(byte[] bits, byte[] values)
    {
        var codes = new int[values.Length];
        var lengths = new int[values.Length];
        int code = 0, index = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var i = 0; i < bits[length - 1]; i++)
            {
                codes[values[index]] = code++;
                lengths[values[index]] = length;
                index++;
            }

            code <<= 1;
        }

        return (codes, lengths);
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Flush();
                }
            }
        }

        public byte[] Finish()
        {
            while (_count != 0)
            {
                Write(1, 1); // pad with one bits
            }

            return [.. _bytes];
        }

        private void Flush()
        {
            _bytes.Add((byte)_buffer);
            if (_buffer == 0xFF)
            {
                _bytes.Add(0x00); // byte stuffing
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
