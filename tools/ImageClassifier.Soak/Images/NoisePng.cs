using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace ImageClassifier.Soak.Images;

/// <summary>
/// A valid RGB PNG of random noise, exactly a given number of bytes long: noise does not compress, so the file is as
/// large as the pixels it decodes to, which makes it the most expensive upload that still fits under a byte limit.
/// </summary>
internal static class NoisePng
{
    private const int Width = 2048;

    public static byte[] Create(long totalBytes, int seed = 1)
    {
        var random = new Random(seed);
        for (var height = (int)(totalBytes / (Width * 3 + 1)); height > 0; height--)
        {
            var idat = Compress(height, random);
            var size = 8 + Chunk.Overhead + 13 + Chunk.Overhead + idat.Length + Chunk.Overhead + Chunk.Overhead + "Comment\0".Length;
            if (size <= totalBytes)
            {
                using var png = new MemoryStream((int)totalBytes);
                png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
                var header = new byte[13];
                BinaryPrimitives.WriteInt32BigEndian(header, Width);
                BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
                header[8] = 8; // bit depth
                header[9] = 2; // truecolour
                Chunk.Write(png, "IHDR", header);
                Chunk.Write(png, "IDAT", idat);
                // A text chunk pads the file to the exact size; decoders skip it.
                var padding = new byte[totalBytes - size + "Comment\0".Length];
                Encoding.ASCII.GetBytes("Comment\0").CopyTo(padding, 0);
                Chunk.Write(png, "tEXt", padding);
                Chunk.Write(png, "IEND", []);
                return png.ToArray();
            }
        }

        throw new ArgumentOutOfRangeException(nameof(totalBytes), "Too small for a noise PNG.");
    }

    private static byte[] Compress(int height, Random random)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.NoCompression, leaveOpen: true))
        {
            var row = new byte[1 + Width * 3];
            for (var y = 0; y < height; y++)
            {
                random.NextBytes(row.AsSpan(1)); // filter byte 0 (none), then the pixels
                zlib.Write(row);
            }
        }

        return output.ToArray();
    }

    private static class Chunk
    {
        public const int Overhead = 12;

        public static void Write(Stream png, string type, byte[] data)
        {
            Span<byte> number = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            png.Write(number);
            var typeAndData = new byte[4 + data.Length];
            Encoding.ASCII.GetBytes(type).CopyTo(typeAndData, 0);
            data.CopyTo(typeAndData, 4);
            png.Write(typeAndData);
            BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.HashToUInt32(typeAndData));
            png.Write(number);
        }
    }
}
