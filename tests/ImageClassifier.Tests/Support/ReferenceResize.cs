using SkiaSharp;

namespace ImageClassifier.Tests.Support;

/// <summary>
/// torchvision's Resize(n) + CenterCrop(m) evaluated straight from their definitions, in double and without any of the
/// engine's shortcuts (crop-window-only taps, float, orientation folding), as the reference the preprocessor is held
/// to: the longer side becomes int(n * long / short); output pixel i of an in -> out axis is the triangle-weighted mean
/// of the source pixels whose centres lie within max(in/out, 1) of (i + 0.5) * in/out, with weight
/// 1 - distance / max(in/out, 1) (Pillow's antialiased bilinear); the crop starts at round((side - m) / 2), halves to even.
/// </summary>
public static class ReferenceResize
{
    /// <summary>Channel-first [3, crop, crop] pixel values (0-255, not normalised) of the resized, centre-cropped image.</summary>
    public static double[,,] ResizeAndCrop(SKBitmap bitmap, int resize, int crop)
    {
        int width = bitmap.Width, height = bitmap.Height;
        var (outWidth, outHeight) = width <= height ? (resize, resize * height / width) : (resize * width / height, resize);
        var left = (int)Math.Round((outWidth - crop) / 2.0, MidpointRounding.ToEven);
        var top = (int)Math.Round((outHeight - crop) / 2.0, MidpointRounding.ToEven);
        var wx = AxisWeights(width, outWidth, left, crop);
        var wy = AxisWeights(height, outHeight, top, crop);
        var result = new double[3, crop, crop];
        for (var y = 0; y < crop; y++)
        {
            for (var x = 0; x < crop; x++)
            {
                double r = 0, g = 0, b = 0;
                foreach (var (sy, wyv) in wy[y])
                {
                    foreach (var (sx, wxv) in wx[x])
                    {
                        var p = bitmap.GetPixel(sx, sy);
                        var w = wyv * wxv;
                        r += w * p.Red;
                        g += w * p.Green;
                        b += w * p.Blue;
                    }
                }

                result[0, y, x] = r;
                result[1, y, x] = g;
                result[2, y, x] = b;
            }
        }

        return result;
    }

    private static List<(int Index, double Weight)>[] AxisWeights(int inSize, int outSize, int first, int count)
    {
        var scale = (double)inSize / outSize;
        var reach = Math.Max(scale, 1.0);
        var result = new List<(int, double)>[count];
        for (var i = 0; i < count; i++)
        {
            var centre = (first + i + 0.5) * scale;
            var taps = new List<(int Index, double Weight)>();
            for (var k = Math.Max(0, (int)Math.Floor(centre - reach - 1)); k <= Math.Min(inSize - 1, (int)Math.Ceiling(centre + reach + 1)); k++)
            {
                var w = 1 - (Math.Abs(k + 0.5 - centre) / reach);
                if (w > 0)
                {
                    taps.Add((k, w));
                }
            }

            var total = taps.Sum(t => t.Weight);
            result[i] = taps.Select(t => (t.Index, t.Weight / total)).ToList();
        }

        return result;
    }
}
