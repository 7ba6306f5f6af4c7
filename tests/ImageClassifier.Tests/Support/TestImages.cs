using SkiaSharp;

namespace ImageClassifier.Tests.Support;

/// <summary>Synthetic images with known pixels, and Skia's encoders for the formats it can write.</summary>
public static class TestImages
{
    /// <summary>An unpremultiplied RGBA bitmap whose pixel (x, y) is <paramref name="pixel"/>(x, y).</summary>
    public static SKBitmap Create(int width, int height, Func<int, int, SKColor> pixel)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var bytes = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var c = pixel(x, y);
                var o = ((y * width) + x) * 4;
                bytes[o] = c.Red;
                bytes[o + 1] = c.Green;
                bytes[o + 2] = c.Blue;
                bytes[o + 3] = c.Alpha;
            }
        }

        return bitmap;
    }

    public static SKBitmap Uniform(int width, int height, SKColor colour) => Create(width, height, (_, _) => colour);

    /// <summary>Deterministic noise: every pixel differs from its neighbours, so any misplaced tap or offset shows.</summary>
    public static SKBitmap Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var values = new byte[width * height * 3];
        random.NextBytes(values);
        return Create(width, height, (x, y) =>
        {
            var o = ((y * width) + x) * 3;
            return new SKColor(values[o], values[o + 1], values[o + 2]);
        });
    }

    /// <summary>A smooth but asymmetric pattern: gradients plus a bright disc off centre, so every flip and rotation differs.</summary>
    public static SKBitmap Asymmetric(int width, int height) => Create(width, height, (x, y) =>
    {
        var inDisc = Math.Pow(x - (width * 0.3), 2) + Math.Pow(y - (height * 0.25), 2) < Math.Pow(Math.Min(width, height) * 0.15, 2);
        return inDisc
            ? new SKColor(250, 240, 30)
            : new SKColor((byte)(255 * x / width), (byte)(255 * y / height), (byte)(128 + (64 * Math.Sin(x * 0.05))));
    });

    /// <summary>A photo-sized smooth scene drawn by Skia (fast at any size): a diagonal gradient and two discs.</summary>
    public static SKBitmap Drawn(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        using var gradient = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [new SKColor(20, 60, 160), new SKColor(240, 200, 90)], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = gradient };
        canvas.DrawRect(0, 0, width, height, paint);
        using var disc = new SKPaint { Color = new SKColor(200, 30, 40), IsAntialias = true };
        canvas.DrawCircle(width * 0.3f, height * 0.4f, Math.Min(width, height) * 0.2f, disc);
        disc.Color = new SKColor(30, 160, 60);
        canvas.DrawCircle(width * 0.7f, height * 0.6f, Math.Min(width, height) * 0.15f, disc);
        return bitmap;
    }

    public static SKBitmap Load(string path) => SKBitmap.Decode(path) ?? throw new InvalidOperationException($"Skia cannot decode {path}");

    public static byte[] Png(SKBitmap bitmap) => Encode(bitmap, SKEncodedImageFormat.Png, 100);

    public static byte[] Jpeg(SKBitmap bitmap, int quality) => Encode(bitmap, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] WebpLossless(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100));
        return data?.ToArray() ?? throw new InvalidOperationException("Skia cannot encode lossless WebP");
    }

    public static byte[] WebpLossy(SKBitmap bitmap, int quality)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, quality));
        return data?.ToArray() ?? throw new InvalidOperationException("Skia cannot encode lossy WebP");
    }

    /// <summary>An 8-bit single-channel PNG of the luminance <paramref name="value"/>(x, y).</summary>
    public static byte[] GrayPng(int width, int height, Func<int, int, byte> value)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        var bytes = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bytes[(y * bitmap.RowBytes) + x] = value(x, y);
            }
        }

        return Png(bitmap);
    }

    /// <summary>Swaps the red and blue channels.</summary>
    public static SKBitmap SwapRedBlue(SKBitmap source) => Create(source.Width, source.Height, (x, y) =>
    {
        var c = source.GetPixel(x, y);
        return new SKColor(c.Blue, c.Green, c.Red, c.Alpha);
    });

    /// <summary>Draws <paramref name="source"/> through <paramref name="transform"/> onto a new bitmap, unfiltered.</summary>
    public static SKBitmap Transformed(SKBitmap source, int width, int height, SKMatrix transform)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(transform);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return target;
    }

    /// <summary>Rotates by a multiple of 90 degrees clockwise.</summary>
    public static SKBitmap RotateClockwise(SKBitmap source, int quarterTurns) => (((quarterTurns % 4) + 4) % 4) switch
    {
        0 => Transformed(source, source.Width, source.Height, SKMatrix.Identity),
        1 => Transformed(source, source.Height, source.Width, SKMatrix.Concat(SKMatrix.CreateTranslation(source.Height, 0), SKMatrix.CreateRotationDegrees(90))),
        2 => Transformed(source, source.Width, source.Height, SKMatrix.Concat(SKMatrix.CreateTranslation(source.Width, source.Height), SKMatrix.CreateRotationDegrees(180))),
        _ => Transformed(source, source.Height, source.Width, SKMatrix.Concat(SKMatrix.CreateTranslation(0, source.Width), SKMatrix.CreateRotationDegrees(270))),
    };

    public static SKBitmap FlipHorizontal(SKBitmap source) =>
        Transformed(source, source.Width, source.Height, SKMatrix.Concat(SKMatrix.CreateTranslation(source.Width, 0), SKMatrix.CreateScale(-1, 1)));

    public static SKBitmap FlipVertical(SKBitmap source) =>
        Transformed(source, source.Width, source.Height, SKMatrix.Concat(SKMatrix.CreateTranslation(0, source.Height), SKMatrix.CreateScale(1, -1)));

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"Skia cannot encode {format}");
        return data.ToArray();
    }
}
