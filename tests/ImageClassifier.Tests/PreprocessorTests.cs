using ImageClassifier.Imaging;
using ImageClassifier.Models;
using ImageClassifier.Tests.Support;
using SkiaSharp;

namespace ImageClassifier.Tests;

/// <summary>
/// The torchvision eval transform on lossless (PNG) images whose pixels are known: every expected value here is derived
/// from the transform's definition, not read back from the implementation.
/// </summary>
public class PreprocessorTests
{
    private const int Size = 224;

    [Theory]
    [InlineData(300, 200)]
    [InlineData(200, 300)]
    [InlineData(224, 224)]
    [InlineData(1, 1)]
    [InlineData(1030, 261)]
    [InlineData(10000, 3)]
    public void Uniform_colour_gives_the_normalised_value_in_every_position_of_each_plane(int width, int height)
    {
        using var bitmap = TestImages.Uniform(width, height, new SKColor(10, 128, 250));

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap));

        Assert.Equal(3 * Size * Size, tensor.Length);
        AssertPlane(tensor, 0, Pipeline.Normalised(10, 0));
        AssertPlane(tensor, 1, Pipeline.Normalised(128, 1));
        AssertPlane(tensor, 2, Pipeline.Normalised(250, 2));
    }

    [Theory]
    [InlineData(512, 256, 224)]
    [InlineData(80, 40, 32)]
    public void Half_black_half_white_edge_is_blurred_by_the_triangle_filter(int side, int resize, int crop)
    {
        // side -> resize is an exact 2:1 shrink, so the triangle is 2 source pixels wide each way and output i is
        // centred on source 2i + 1. Source pixel centres 2i - 0.5, 2i + 0.5, 2i + 1.5, 2i + 2.5 lie 1.5, 0.5, 0.5, 1.5
        // away: weights 1 - 1.5/2, 1 - 0.5/2, ... = 1/4, 3/4, 3/4, 1/4, normalised 1/8, 3/8, 3/8, 1/8. The edge is at
        // source column side/2 = resized column resize/2, so resized column resize/2 - 1 sees one white tap (255/8),
        // resized column resize/2 sees three white taps (7 * 255/8), every other column is all black or all white.
        // The crop starts at (resize - crop) / 2.
        var spec = new PreprocessSpec { InputSize = crop, ResizeSize = resize };
        using var bitmap = TestImages.Create(side, side, (x, _) => x < side / 2 ? SKColors.Black : SKColors.White);
        var left = (resize - crop) / 2;

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap), spec);

        for (var x = 0; x < crop; x++)
        {
            var resizedColumn = left + x;
            var expected = resizedColumn < (resize / 2) - 1 ? 0.0
                : resizedColumn == (resize / 2) - 1 ? 255.0 / 8
                : resizedColumn == resize / 2 ? 255.0 * 7 / 8
                : 255.0;
            for (var c = 0; c < 3; c++)
            {
                for (var y = 0; y < crop; y += 7)
                {
                    Assert.Equal(Pipeline.Normalised(expected, c, spec), Pipeline.At(tensor, c, y, x, crop), 1e-4);
                }
            }
        }
    }

    [Theory]
    [InlineData(512, 256, 144, 16)] // (512 - 224) / 2 = 144
    [InlineData(513, 256, 144, 16)] // 144.5 rounds half to even: 144
    [InlineData(514, 256, 145, 16)]
    [InlineData(515, 256, 146, 16)] // 145.5 rounds half to even: 146
    [InlineData(256, 513, 16, 144)]
    [InlineData(256, 515, 16, 146)]
    public void Centre_crop_offset_rounds_half_to_even_like_python(int width, int height, int expectedLeft, int expectedTop)
    {
        // The shorter side is already 256, so the resize is the identity (scale 1: the triangle at distance 0 weighs 1,
        // its neighbours at distance 1 weigh 0) and every crop pixel is one source pixel, told apart by its colour.
        using var bitmap = TestImages.Create(width, height, (x, y) => new SKColor((byte)(x % 256), (byte)(y % 256), (byte)(((x / 256) * 4) + (y / 256))));

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap));

        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var sx = expectedLeft + x;
                var sy = expectedTop + y;
                Assert.Equal(Pipeline.Normalised(sx % 256, 0), Pipeline.At(tensor, 0, y, x), 1e-5);
                Assert.Equal(Pipeline.Normalised(sy % 256, 1), Pipeline.At(tensor, 1, y, x), 1e-5);
                Assert.Equal(Pipeline.Normalised(((sx / 256) * 4) + (sy / 256), 2), Pipeline.At(tensor, 2, y, x), 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(457, 311)] // shrink by a non-integer factor
    [InlineData(311, 457)]
    [InlineData(120, 90)] // enlarge
    [InlineData(1030, 260)] // shrink one axis barely, the other a lot
    public void Noisy_image_matches_a_direct_evaluation_of_resize_and_crop(int width, int height)
    {
        using var bitmap = TestImages.Noise(width, height, seed: width + height);

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap));

        var expected = ReferenceResize.ResizeAndCrop(bitmap, resize: 256, crop: Size);
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < Size; y++)
            {
                for (var x = 0; x < Size; x++)
                {
                    Assert.Equal(Pipeline.Normalised(expected[c, y, x], c), Pipeline.At(tensor, c, y, x), 1e-4);
                }
            }
        }
    }

    [Theory]
    [InlineData(451, 300, 384, 256)] // 256 * 451 / 300 = 384.85, truncated as torchvision's int() does
    [InlineData(300, 451, 256, 384)]
    [InlineData(600, 400, 384, 256)]
    [InlineData(256, 256, 256, 256)]
    [InlineData(10000, 3, 853333, 256)]
    public void Resized_size_keeps_the_aspect_ratio_with_the_longer_side_truncated(int width, int height, int expectedWidth, int expectedHeight)
    {
        var size = Preprocessor.ResizedSize(width, height, 256);

        Assert.Equal((expectedWidth, expectedHeight), size);
    }

    [Fact]
    public void Rgb_channel_order_puts_red_in_the_first_plane()
    {
        using var bitmap = TestImages.Uniform(64, 48, new SKColor(200, 100, 30));

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap));

        Assert.Equal(Pipeline.Normalised(200, 0), Pipeline.At(tensor, 0, 100, 100), 1e-5);
        Assert.Equal(Pipeline.Normalised(100, 1), Pipeline.At(tensor, 1, 100, 100), 1e-5);
        Assert.Equal(Pipeline.Normalised(30, 2), Pipeline.At(tensor, 2, 100, 100), 1e-5);
    }

    [Fact]
    public void Bgr_channel_order_puts_blue_in_the_first_plane_with_the_first_mean_and_std()
    {
        // mean and std are in the model's channel order, so plane 0 (blue) uses Mean[0] and Std[0].
        var spec = new PreprocessSpec { ChannelOrder = "BGR", Mean = [0.1f, 0.2f, 0.3f], Std = [0.5f, 0.25f, 0.125f] };
        using var bitmap = TestImages.Uniform(64, 48, new SKColor(200, 100, 30));

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap), spec);

        AssertPlane(tensor, 0, ((30 / 255.0) - 0.1) / 0.5);
        AssertPlane(tensor, 1, ((100 / 255.0) - 0.2) / 0.25);
        AssertPlane(tensor, 2, ((200 / 255.0) - 0.3) / 0.125);
    }

    [Fact]
    public void Custom_scale_mean_and_std_are_applied_as_value_times_scale_minus_mean_over_std()
    {
        // Caffe-style: raw 0-255 values minus a per-channel mean, no division.
        var spec = new PreprocessSpec { Scale = 1f, Mean = [123.68f, 116.78f, 103.94f], Std = [1f, 1f, 1f] };
        using var bitmap = TestImages.Uniform(300, 300, new SKColor(0, 255, 104));

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap), spec);

        AssertPlane(tensor, 0, 0 - 123.68, tolerance: 1e-3);
        AssertPlane(tensor, 1, 255 - 116.78, tolerance: 1e-3);
        AssertPlane(tensor, 2, 104 - 103.94, tolerance: 1e-3);
    }

    [Fact]
    public void Custom_mean_and_std_equal_the_default_transform_of_affinely_changed_pixels()
    {
        // Resizing is linear with weights summing to one, so (v/255 - m') / s' with m' = (m - b/255) / a, s' = s / a
        // equals (v'/255 - m) / s for v' = a*v + b at every output position. a = 1/2, b = 64 on even values keeps v' whole.
        const double a = 0.5, b = 64;
        var defaults = PreprocessSpec.ImageNetDefault;
        var spec = new PreprocessSpec
        {
            Mean = defaults.Mean.Select(m => (float)((m - (b / 255)) / a)).ToArray(),
            Std = defaults.Std.Select(s => (float)(s / a)).ToArray(),
        };
        using var noise = TestImages.Noise(300, 280, seed: 11);
        using var even = TestImages.Create(300, 280, (x, y) => Map(noise.GetPixel(x, y), v => v & ~1));
        using var changed = TestImages.Create(300, 280, (x, y) => Map(even.GetPixel(x, y), v => (int)((a * v) + b)));

        var actual = Pipeline.Tensor(TestImages.Png(even), spec);

        var expected = Pipeline.Tensor(TestImages.Png(changed));
        Assert.True(Pipeline.MaxAbsDifference(expected, actual) < 1e-5, $"max difference {Pipeline.MaxAbsDifference(expected, actual)}");
    }

    [Fact]
    public void Custom_input_size_gives_a_tensor_of_that_side()
    {
        var spec = new PreprocessSpec { InputSize = 32, ResizeSize = 40 };
        using var bitmap = TestImages.Uniform(90, 60, new SKColor(255, 0, 0));

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap), spec);

        Assert.Equal(3 * 32 * 32, tensor.Length);
        Assert.All(tensor.Take(32 * 32), v => Assert.Equal(Pipeline.Normalised(255, 0), v, 1e-5));
    }

    [Fact]
    public void Fully_transparent_pixels_become_white()
    {
        using var bitmap = TestImages.Uniform(100, 100, new SKColor(255, 0, 0, 0));

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap));

        AssertPlane(tensor, 0, Pipeline.Normalised(255, 0));
        AssertPlane(tensor, 1, Pipeline.Normalised(255, 1));
        AssertPlane(tensor, 2, Pipeline.Normalised(255, 2));
    }

    [Fact]
    public void Half_transparent_pixels_are_composited_over_white()
    {
        // alpha a = 128/255 over white: a * c + (1 - a) * 255. Skia's premultiplication rounds a * c to a whole
        // number, so allow one level.
        using var bitmap = TestImages.Uniform(100, 100, new SKColor(200, 0, 100, 128));
        var a = 128 / 255.0;

        var tensor = Pipeline.Tensor(TestImages.Png(bitmap));

        AssertPlane(tensor, 0, Pipeline.Normalised((a * 200) + ((1 - a) * 255), 0), tolerance: Pipeline.Normalised(1, 0) - Pipeline.Normalised(0, 0));
        AssertPlane(tensor, 1, Pipeline.Normalised((1 - a) * 255, 1), tolerance: Pipeline.Normalised(1, 1) - Pipeline.Normalised(0, 1));
        AssertPlane(tensor, 2, Pipeline.Normalised((a * 100) + ((1 - a) * 255), 2), tolerance: Pipeline.Normalised(1, 2) - Pipeline.Normalised(0, 2));
    }

    private static SKColor Map(SKColor c, Func<int, int> f) => new((byte)f(c.Red), (byte)f(c.Green), (byte)f(c.Blue));

    private static void AssertPlane(float[] tensor, int channel, double expected, double tolerance = 1e-5)
    {
        var plane = tensor.AsSpan(channel * Size * Size, Size * Size).ToArray();
        Assert.All(plane, v => Assert.Equal(expected, v, tolerance));
    }
}
