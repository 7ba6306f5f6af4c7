using ImageClassifier.Errors;
using ImageClassifier.Imaging;
using ImageClassifier.Tests.Support;
using SkiaSharp;

namespace ImageClassifier.Tests;

/// <summary>What the decoder makes of each supported container: the pixels it yields and what it reports about them.</summary>
public class DecoderTests
{
    [Fact]
    public void Animated_gif_decodes_its_first_frame()
    {
        // Frame 1: left half red, right half green. Frame 2: all blue.
        var first = Enumerable.Range(0, 40 * 30).Select(i => (byte)(i % 40 < 20 ? 0 : 1)).ToArray();
        var second = Enumerable.Repeat((byte)2, 40 * 30).ToArray();
        var gif = GifWriter.Write(40, 30, [(255, 0, 0), (0, 255, 0), (0, 0, 255)], first, second);

        using var decoded = Pipeline.Decode(gif);

        Assert.Equal(SKEncodedImageFormat.Gif, decoded.Format);
        Assert.Equal(Rgba(255, 0, 0), Pixel(decoded, 5, 5));
        Assert.Equal(Rgba(0, 255, 0), Pixel(decoded, 35, 25));
    }

    [Fact]
    public void Adobe_cmyk_jpeg_decodes_to_rgb_as_inverted_ink_times_inverted_black()
    {
        // Stored samples are Adobe-inverted (255 = no ink): RGB = (C * K / 255, M * K / 255, Y * K / 255). Each 8x8 block
        // is flat and its DC is coded exactly, so only the decoder's integer rounding is left: allow one level.
        var jpeg = CmykJpegWriter.Write(2, 2, (bx, by) => (bx, by) switch
        {
            (0, 0) => (200, 100, 50, 255),
            (1, 0) => (255, 255, 255, 255),
            (0, 1) => (10, 240, 128, 255),
            _ => (200, 100, 50, 128),
        });

        using var decoded = Pipeline.Decode(jpeg);

        Assert.Equal(SKEncodedImageFormat.Jpeg, decoded.Format);
        AssertRgbNear((200, 100, 50), Pixel(decoded, 3, 3));
        AssertRgbNear((255, 255, 255), Pixel(decoded, 12, 3));
        AssertRgbNear((10, 240, 128), Pixel(decoded, 3, 12));
        AssertRgbNear((200 * 128 / 255, 100 * 128 / 255, 50 * 128 / 255), Pixel(decoded, 12, 12));
    }

    [Fact]
    public void Sixteen_bit_png_keeps_the_high_byte_of_each_sample()
    {
        var png = PngWriter.Rgb16(8, 8, (x, _) => x < 4 ? ((ushort)0x8000, (ushort)0x40FF, (ushort)0xFFFF) : ((ushort)0x0000, (ushort)0xC000, (ushort)0x1234));

        using var decoded = Pipeline.Decode(png);

        // 16 -> 8 bits is v * 255 / 65535 rounded, which is within one level of the high byte.
        AssertRgbNear((0x80, 0x41, 0xFF), Pixel(decoded, 1, 1));
        AssertRgbNear((0x00, 0xC0, 0x12), Pixel(decoded, 6, 6));
    }

    [Fact]
    public void Grayscale_png_fills_all_three_channels_with_the_luminance()
    {
        var png = TestImages.GrayPng(50, 40, (x, y) => (byte)(x + y));

        using var decoded = Pipeline.Decode(png);

        Assert.Equal(Rgba(30, 30, 30), Pixel(decoded, 10, 20));
        Assert.Equal(Rgba(88, 88, 88), Pixel(decoded, 49, 39));
    }

    [Fact]
    public void Bmp_pixels_decode_exactly_and_right_side_up()
    {
        var bmp = BmpWriter.Rgb24(7, 5, (x, y) => ((byte)(x * 30), (byte)(y * 50), 77));

        using var decoded = Pipeline.Decode(bmp);

        Assert.Equal(SKEncodedImageFormat.Bmp, decoded.Format);
        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 7; x++)
            {
                Assert.Equal(Rgba((byte)(x * 30), (byte)(y * 50), 77), Pixel(decoded, x, y));
            }
        }
    }

    [Fact]
    public void Lossless_webp_pixels_decode_exactly()
    {
        using var bitmap = TestImages.Noise(33, 17, seed: 3);

        using var decoded = Pipeline.Decode(TestImages.WebpLossless(bitmap));

        Assert.Equal(SKEncodedImageFormat.Webp, decoded.Format);
        for (var y = 0; y < 17; y++)
        {
            for (var x = 0; x < 33; x++)
            {
                var c = bitmap.GetPixel(x, y);
                Assert.Equal(Rgba(c.Red, c.Green, c.Blue), Pixel(decoded, x, y));
            }
        }
    }

    [Fact]
    public void Large_jpeg_is_decoded_at_the_smallest_dct_scale_that_keeps_the_short_side_at_least_256()
    {
        // 4000x3000 (12 megapixels): libjpeg scales by n/8, and 3000 * 1/8 = 375 is the first to reach 256.
        using var bitmap = TestImages.Drawn(4000, 3000);
        var jpeg = TestImages.Jpeg(bitmap, 80);

        using var decoded = Pipeline.Decode(jpeg);

        Assert.Equal((4000, 3000), (decoded.SourceWidth, decoded.SourceHeight));
        Assert.Equal((500, 375), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Dct_scaled_decode_gives_nearly_the_tensor_of_a_full_decode()
    {
        // The scaled decode is an optimisation: on a smooth image it must not change what the model sees by more than a
        // few grey levels.
        using var bitmap = TestImages.Drawn(2048, 1536);
        var jpeg = TestImages.Jpeg(bitmap, 95);
        using var full = SKBitmap.Decode(jpeg);

        var scaled = Pipeline.Tensor(jpeg);

        var reference = Pipeline.Tensor(TestImages.Png(full));
        var oneLevel = Pipeline.Normalised(1, 1) - Pipeline.Normalised(0, 1);
        Assert.True(Pipeline.MeanAbsDifference(reference, scaled) < 2 * oneLevel, $"mean difference {Pipeline.MeanAbsDifference(reference, scaled)}");
    }

    [Fact]
    public void Png_with_alpha_decodes_premultiplied()
    {
        using var bitmap = TestImages.Uniform(4, 4, new SKColor(200, 100, 0, 51));

        using var decoded = Pipeline.Decode(TestImages.Png(bitmap));

        // 51/255 = 0.2: 200 * 0.2 = 40, 100 * 0.2 = 20.
        Assert.Equal(Rgba(40, 20, 0, 51), Pixel(decoded, 2, 2));
    }

    [Fact]
    public void Input_over_the_byte_limit_is_refused_by_the_limits_naming_the_limit()
    {
        var limits = new ImageLimits(maxBytes: 1000, maxPixels: Pipeline.MaxPixels);
        using var bitmap = TestImages.Noise(64, 64, seed: 1);
        var png = TestImages.Png(bitmap);

        var rejection = limits.CheckBytes(png.Length);

        Assert.Equal(ImageErrorCode.TooManyBytes, rejection?.Code);
        Assert.Contains("1,000", rejection?.Message);
    }

    [Fact]
    public void Image_at_exactly_the_pixel_limit_is_accepted_and_one_more_row_is_not()
    {
        var decoder = new ImageDecoder(new ImageLimits(Pipeline.MaxBytes, maxPixels: 100 * 60));
        using var atLimit = TestImages.Uniform(100, 60, SKColors.Gray);
        using var overLimit = TestImages.Uniform(100, 61, SKColors.Gray);

        using var accepted = decoder.Decode(TestImages.Png(atLimit), 256);
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(TestImages.Png(overLimit), 256));

        Assert.Equal(100, accepted.Width);
        Assert.Equal(ImageErrorCode.TooManyPixels, error.Code);
    }

    private static (byte R, byte G, byte B, byte A) Rgba(byte r, byte g, byte b, byte a = 255) => (r, g, b, a);

    private static (byte R, byte G, byte B, byte A) Pixel(DecodedImage image, int x, int y)
    {
        var row = image.Row(y);
        return (row[x * 4], row[(x * 4) + 1], row[(x * 4) + 2], row[(x * 4) + 3]);
    }

    private static void AssertRgbNear((int R, int G, int B) expected, (byte R, byte G, byte B, byte A) actual)
    {
        Assert.InRange(actual.R, expected.R - 1, expected.R + 1);
        Assert.InRange(actual.G, expected.G - 1, expected.G + 1);
        Assert.InRange(actual.B, expected.B - 1, expected.B + 1);
        Assert.Equal(255, actual.A);
    }
}
