using ImageClassifier.Errors;
using SkiaSharp;

namespace ImageClassifier.Tests.Support;

/// <summary>
/// Inputs an upload endpoint meets in practice, made here from code: the ones the engine must label and the ones it must
/// refuse with a stable code. Tests refer to a case by name so that each shows up as its own line in the results.
/// </summary>
public static class InputCorpus
{
    /// <summary>Name, how to make the bytes, and the code it must be rejected with (null: it must be labelled).</summary>
    public sealed record Case(string Name, Func<byte[]> Make, string? RejectedWith, string? Format = null);

    public static IReadOnlyList<Case> All { get; } =
    [
        // Refused: nothing to decode, or not an image.
        new("empty", () => [], ImageErrorCode.EmptyInput),
        new("random bytes", RandomBytes, ImageErrorCode.UnsupportedFormat),
        new("plain text", () => "This is not an image, it is a note.\n"u8.ToArray(), ImageErrorCode.UnsupportedFormat),
        new("svg", () => "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray(), ImageErrorCode.UnsupportedFormat),
        new("pdf", () => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8.ToArray(), ImageErrorCode.UnsupportedFormat),

        // Refused: real images of formats the engine does not decode.
        new("tiff", () => TiffWriter.Gray8(16, 16), ImageErrorCode.UnsupportedFormat),
        new("heic header", () => [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8], ImageErrorCode.UnsupportedFormat),
        new("avif header", () => [0, 0, 0, 0x1C, .. "ftypavif"u8, 0, 0, 0, 0, .. "avifmif1miaf"u8], ImageErrorCode.UnsupportedFormat),

        // Refused: a supported format, damaged.
        new("truncated jpeg", () => Cut(Photo(b => TestImages.Jpeg(b, 90))), ImageErrorCode.CorruptImage),
        new("truncated png", () => Cut(Photo(TestImages.Png)), ImageErrorCode.CorruptImage),
        new("png with damaged data", DamagedPng, ImageErrorCode.CorruptImage),
        new("truncated bmp", () => BmpWriter.Rgb24(50, 30, (x, y) => ((byte)x, (byte)y, 0))[..1000], ImageErrorCode.CorruptImage),
        new("truncated gif", () => Cut(AnimatedGif()), ImageErrorCode.CorruptImage),
        new("truncated lossy webp", () => Cut(Photo(b => TestImages.WebpLossy(b, 80))), ImageErrorCode.CorruptImage),
        new("truncated lossless webp", () => Cut(Photo(TestImages.WebpLossless)), ImageErrorCode.CorruptImage),
        new("png header with no image data", () => PngWriter.HeaderOnly(640, 480), ImageErrorCode.CorruptImage),

        // Refused: data that ends long before the size the header declares (the decoder fills the rest in grey).
        new("jpeg header declaring 7000x5700 over 640x427 of data", () => JpegBytes.WithFrameSize(Encoded(TestImages.Drawn(640, 427), b => TestImages.Jpeg(b, 90)), 7000, 5700), ImageErrorCode.CorruptImage),
        new("jpeg header declaring twice its height", () => JpegBytes.WithFrameSize(Photo(b => TestImages.Jpeg(b, 90)), 320, 480), ImageErrorCode.CorruptImage),

        // Refused: headers that claim far more pixels than the limit (decompression bombs).
        new("png header claiming 100000x100000", () => PngWriter.HeaderOnly(100_000, 100_000), ImageErrorCode.TooManyPixels),
        new("jpeg header claiming 60000x60000", () => JpegBytes.WithFrameSize(Photo(b => TestImages.Jpeg(b, 90)), 60_000, 60_000), ImageErrorCode.TooManyPixels),
        new("gif screen claiming 65535x65535", () => GifWriter.Write(65_535, 65_535, [(255, 0, 0)], new byte[16]), ImageErrorCode.TooManyPixels),

        // Labelled.
        new("jpeg", () => Photo(b => TestImages.Jpeg(b, 95)), null, "jpeg"),
        new("png", () => Photo(TestImages.Png), null, "png"),
        new("animated gif", AnimatedGif, null, "gif"),
        new("cmyk jpeg", () => CmykJpegWriter.Write(40, 30, (bx, by) => ((byte)(bx * 6), (byte)(255 - (by * 8)), 128, 255)), null, "jpeg"),
        new("16-bit png", () => PngWriter.Rgb16(320, 240, (x, y) => ((ushort)(x * 200), (ushort)(y * 270), 40_000)), null, "png"),
        new("grayscale png", () => TestImages.GrayPng(300, 200, (x, y) => (byte)((x ^ y) & 0xFF)), null, "png"),
        new("png with alpha", () => Encoded(TestImages.Create(300, 200, (x, y) => new SKColor(200, 40, 40, (byte)(x * 255 / 300))), TestImages.Png), null, "png"),
        new("jpeg with bytes after its end marker", () => [.. Photo(b => TestImages.Jpeg(b, 90)), .. "trailing data a camera appended"u8], null, "jpeg"),
        new("exif-rotated jpeg", () => JpegBytes.WithExifOrientation(Photo(b => TestImages.Jpeg(b, 90)), 6), null, "jpeg"),
        new("jpeg with an out-of-range exif orientation (9)", () => JpegBytes.WithExifOrientation(Photo(b => TestImages.Jpeg(b, 90)), 9), null, "jpeg"),
        new("1x1 png", () => Encoded(TestImages.Uniform(1, 1, new SKColor(90, 140, 200)), TestImages.Png), null, "png"),
        new("10000x3 png", () => Encoded(TestImages.Drawn(10_000, 3), TestImages.Png), null, "png"),
        new("3x10000 png", () => Encoded(TestImages.Drawn(3, 10_000), TestImages.Png), null, "png"),
        new("lossy webp", () => Photo(b => TestImages.WebpLossy(b, 80)), null, "webp"),
        new("lossless webp", () => Photo(TestImages.WebpLossless), null, "webp"),
        new("bmp", () => BmpWriter.Rgb24(300, 200, (x, y) => ((byte)x, (byte)y, (byte)(x + y))), null, "bmp"),
        new("12-megapixel jpeg", () => Encoded(TestImages.Drawn(4000, 3000), b => TestImages.Jpeg(b, 85)), null, "jpeg"),
    ];

    public static Case Named(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names(bool rejected)
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(c => (c.RejectedWith is not null) == rejected))
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static byte[] Photo(Func<SKBitmap, byte[]> encode) => Encoded(TestImages.Drawn(320, 240), encode);

    private static byte[] Encoded(SKBitmap bitmap, Func<SKBitmap, byte[]> encode)
    {
        using (bitmap)
        {
            return encode(bitmap);
        }
    }

    private static byte[] Cut(byte[] encoded) => encoded[..(encoded.Length / 2)];

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        bytes[0] = 0x17; // never a signature by accident
        return bytes;
    }

    private static byte[] DamagedPng()
    {
        var png = Encoded(TestImages.Noise(64, 64, seed: 5), TestImages.Png);
        for (var i = png.Length / 3; i < png.Length / 2; i++)
        {
            png[i] ^= 0x5A;
        }

        return png;
    }

    private static byte[] AnimatedGif()
    {
        var first = Enumerable.Range(0, 120 * 90).Select(i => (byte)((i / 120) < 45 ? 0 : 1)).ToArray();
        var second = Enumerable.Repeat((byte)2, 120 * 90).ToArray();
        return GifWriter.Write(120, 90, [(30, 90, 200), (230, 200, 60), (0, 0, 0)], first, second);
    }
}
