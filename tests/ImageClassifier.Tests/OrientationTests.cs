using ImageClassifier.Tests.Support;
using SkiaSharp;

namespace ImageClassifier.Tests;

/// <summary>
/// EXIF orientation is applied while preprocessing, by index mapping rather than an image copy. The expected images are
/// made by drawing the stored one through the transform each tag value names in the EXIF specification
/// ("mirror horizontal and rotate 270 CW" and so on).
/// </summary>
public class OrientationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Tensor_of_a_tagged_image_equals_the_tensor_of_the_image_as_displayed(int orientation)
    {
        using var stored = TestImages.Noise(300, 200, seed: orientation);
        using var displayed = AsDisplayed(stored, orientation);
        using var decoded = Pipeline.Decode(TestImages.Png(stored));
        using var tagged = Pipeline.WithOrigin(decoded, (SKEncodedOrigin)orientation);

        var actual = Pipeline.Tensor(tagged);

        var expected = Pipeline.Tensor(TestImages.Png(displayed));
        Assert.True(Pipeline.MaxAbsDifference(expected, actual) < 1e-4, $"max difference {Pipeline.MaxAbsDifference(expected, actual)}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Tagged_image_tensor_differs_from_the_untagged_one(int orientation)
    {
        using var stored = TestImages.Noise(300, 200, seed: orientation);
        using var decoded = Pipeline.Decode(TestImages.Png(stored));
        using var tagged = Pipeline.WithOrigin(decoded, (SKEncodedOrigin)orientation);

        var actual = Pipeline.Tensor(tagged);

        Assert.True(Pipeline.MeanAbsDifference(Pipeline.Tensor(decoded), actual) > 0.1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void Exif_orientation_in_a_jpeg_app1_segment_is_read(int orientation)
    {
        using var bitmap = TestImages.Asymmetric(64, 48);
        var jpeg = JpegBytes.WithExifOrientation(TestImages.Jpeg(bitmap, 90), orientation);

        using var decoded = Pipeline.Decode(jpeg);

        Assert.Equal((SKEncodedOrigin)orientation, decoded.Origin);
        Assert.Equal((64, 48), (decoded.SourceWidth, decoded.SourceHeight));
    }

    [Fact]
    public void Sideways_jpeg_tagged_to_display_upright_gives_the_upright_tensor()
    {
        // Stored rotated 90 degrees clockwise and tagged 8 (rotate 270 CW to display). The reference is the same JPEG's
        // pixels, decoded without the tag and turned upright here, so JPEG loss does not enter the comparison. The short
        // side (240) is under 256, so both decode at full scale.
        using var upright = TestImages.Asymmetric(360, 240);
        using var sideways = TestImages.RotateClockwise(upright, 1);
        var jpeg = TestImages.Jpeg(sideways, 95);
        using var storedPixels = SKBitmap.Decode(jpeg);
        using var turnedBack = TestImages.RotateClockwise(storedPixels, 3);
        var expected = Pipeline.Tensor(TestImages.Png(turnedBack));

        var actual = Pipeline.Tensor(JpegBytes.WithExifOrientation(jpeg, 8));

        var ignored = Pipeline.Tensor(jpeg);
        Assert.True(Pipeline.MaxAbsDifference(expected, actual) < 1e-4, $"max difference {Pipeline.MaxAbsDifference(expected, actual)}");
        Assert.True(Pipeline.MeanAbsDifference(expected, ignored) > 0.1, "the orientation-ignored tensor should differ");
    }

    // The transform each tag value names (EXIF 2.3, tag 0x0112), applied to the stored image.
    private static SKBitmap AsDisplayed(SKBitmap stored, int orientation)
    {
        switch (orientation)
        {
            case 1: return TestImages.RotateClockwise(stored, 0);
            case 2: return TestImages.FlipHorizontal(stored);
            case 3: return TestImages.RotateClockwise(stored, 2);
            case 4: return TestImages.FlipVertical(stored);
            case 6: return TestImages.RotateClockwise(stored, 1);
            case 8: return TestImages.RotateClockwise(stored, 3);
        }

        using var mirrored = TestImages.FlipHorizontal(stored);
        return orientation == 5 ? TestImages.RotateClockwise(mirrored, 3) : TestImages.RotateClockwise(mirrored, 1);
    }
}
