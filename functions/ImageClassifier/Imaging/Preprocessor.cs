using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using ImageClassifier.Capacity;
using ImageClassifier.Models;

namespace ImageClassifier.Imaging;

/// <summary>
/// torchvision's ImageNet eval transform on decoded pixels: resize the shorter side to <see cref="PreprocessSpec.ResizeSize"/>
/// (antialiased bilinear), centre-crop <see cref="PreprocessSpec.InputSize"/>, scale, normalise, NCHW float32.
/// EXIF orientation and white compositing of alpha happen in the same passes. Only the pixels that survive the crop are
/// resampled; small scratch buffers come from a pool, large ones from a <see cref="PageBuffer"/>.
/// </summary>
internal sealed class Preprocessor
{
    private readonly PreprocessSpec _spec;
    private readonly float[] _multiplier = new float[3];
    private readonly float[] _offset = new float[3];

    public Preprocessor(PreprocessSpec spec)
    {
        _spec = spec;
        for (var c = 0; c < 3; c++)
        {
            // (v * scale - mean) / std == v * (scale / std) + (-mean / std)
            _multiplier[c] = spec.Scale / spec.Std[c];
            _offset[c] = -spec.Mean[c] / spec.Std[c];
        }
    }

    /// <summary>Floats one image occupies in the input tensor.</summary>
    public int TensorLength => 3 * _spec.InputSize * _spec.InputSize;

    /// <summary>The size the shorter side is resized to, for choosing a DCT decode scale.</summary>
    public int ResizeSize => _spec.ResizeSize;

    /// <summary>Writes one image's CHW planes into <paramref name="destination"/> (length <see cref="TensorLength"/>).</summary>
    public void Run(DecodedImage image, Span<float> destination)
    {
        var size = _spec.InputSize;
        var (resizedWidth, resizedHeight) = ResizedSize(image.SourceWidth, image.SourceHeight, _spec.ResizeSize);
        var transposed = Orientation.Transposes(image.Origin);
        var shownWidth = transposed ? resizedHeight : resizedWidth;
        var shownHeight = transposed ? resizedWidth : resizedHeight;

        // torchvision's CenterCrop: int(round((h - size) / 2.0)), and Python rounds half to even.
        var left = (int)Math.Round((shownWidth - size) / 2.0, MidpointRounding.ToEven);
        var top = (int)Math.Round((shownHeight - size) / 2.0, MidpointRounding.ToEven);
        var a = Orientation.ToStored(image.Origin, left, top, resizedWidth, resizedHeight);
        var b = Orientation.ToStored(image.Origin, left + size - 1, top + size - 1, resizedWidth, resizedHeight);
        var cropX = Math.Min(a.X, b.X);
        var cropY = Math.Min(a.Y, b.Y);

        using var columns = new ResampleWeights(image.Width, resizedWidth, cropX, size);
        using var rows = new ResampleWeights(image.Height, resizedHeight, cropY, size);
        var firstRow = rows.InputStart;
        var rowCount = rows.InputEnd - firstRow;
        var stride = size * 3;
        // The horizontal pass of a large photo is megabytes: from pages, which a pool would keep one of per thread.
        var horizontalLength = rowCount * stride;
        var pooled = (long)horizontalLength * sizeof(float) <= PageBuffer.PoolLimitBytes ? ArrayPool<float>.Shared.Rent(horizontalLength) : null;
        using var pages = pooled is null ? new PageBuffer(horizontalLength * sizeof(float)) : null;
        var horizontal = pooled is null ? MemoryMarshal.Cast<byte, float>(pages!.GetSpan()) : pooled.AsSpan(0, horizontalLength);
        var tile = ArrayPool<float>.Shared.Rent(size * stride);
        try
        {
            ResampleRows(image, columns, firstRow, rowCount, horizontal);
            ResampleColumns(rows, firstRow, horizontal, tile.AsSpan(0, size * stride), stride);
            WritePlanes(image.Origin, tile, destination, left, top, cropX, cropY, resizedWidth, resizedHeight);
        }
        finally
        {
            if (pooled is not null)
            {
                ArrayPool<float>.Shared.Return(pooled);
            }

            ArrayPool<float>.Shared.Return(tile);
        }
    }

    /// <summary>torchvision's Resize(int): the shorter side becomes <paramref name="shortSide"/>, the longer keeps the aspect ratio, truncated.</summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int shortSide) =>
        width <= height
            ? (shortSide, (int)((long)shortSide * height / width))
            : ((int)((long)shortSide * width / height), shortSide);

    // Horizontal pass over the source rows the vertical pass will read. Premultiplied RGBA composited on white:
    // c + (255 - a) per pixel, and since both terms are linear it is applied to the filtered sums.
    // Pointer loops: this is the hottest loop of preprocessing, and span slicing per pixel cost more than the arithmetic.
    private static unsafe void ResampleRows(DecodedImage image, ResampleWeights columns, int firstRow, int rowCount, Span<float> output)
    {
        var outColumns = columns.Count;
        var maxTaps = columns.MaxTaps;
        fixed (float* weights = columns.AllWeights)
        fixed (int* firsts = columns.AllFirsts)
        fixed (int* taps = columns.AllTaps)
        fixed (float* target = output)
        {
            for (var r = 0; r < rowCount; r++)
            {
                fixed (byte* source = image.Row(firstRow + r))
                {
                    var row = target + ((long)r * outColumns * 3);
                    for (var j = 0; j < outColumns; j++)
                    {
                        var w = weights + (j * maxTaps);
                        var p = source + (firsts[j] * 4);
                        float red = 0, green = 0, blue = 0, alpha = 0, total = 0;
                        for (var k = 0; k < taps[j]; k++, p += 4)
                        {
                            var wk = w[k];
                            red += wk * p[0];
                            green += wk * p[1];
                            blue += wk * p[2];
                            alpha += wk * p[3];
                            total += wk;
                        }

                        var white = (255f * total) - alpha;
                        row[j * 3] = red + white;
                        row[(j * 3) + 1] = green + white;
                        row[(j * 3) + 2] = blue + white;
                    }
                }
            }
        }
    }

    // Vertical pass: each output row is a weighted sum of whole horizontal-pass rows, vectorised.
    private static void ResampleColumns(ResampleWeights rows, int firstRow, ReadOnlySpan<float> horizontal, Span<float> tile, int stride)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var target = tile.Slice(i * stride, stride);
            target.Clear();
            var weights = rows.Weights(i);
            var start = rows.First(i) - firstRow;
            for (var k = 0; k < weights.Length; k++)
            {
                var source = horizontal.Slice((start + k) * stride, stride);
                TensorPrimitives.MultiplyAdd(source, weights[k], target, target);
            }
        }
    }

    // Interleaved RGB tile (stored orientation) to normalised planes (displayed orientation, model channel order).
    private void WritePlanes(SkiaSharp.SKEncodedOrigin origin, float[] tile, Span<float> destination, int left, int top, int cropX, int cropY, int width, int height)
    {
        var size = _spec.InputSize;
        var plane = size * size;
        var bgr = _spec.IsBgr;
        var red = destination.Slice((bgr ? 2 : 0) * plane, plane);
        var green = destination.Slice(plane, plane);
        var blue = destination.Slice((bgr ? 0 : 2) * plane, plane);
        if (origin == SkiaSharp.SKEncodedOrigin.TopLeft)
        {
            // Upright: the tile is the crop; deinterleave it straight.
            for (int o = 0, t = 0; o < plane; o++, t += 3)
            {
                red[o] = tile[t];
                green[o] = tile[t + 1];
                blue[o] = tile[t + 2];
            }
        }
        else
        {
            CopyOriented(origin, tile, red, green, blue, left, top, cropX, cropY, width, height);
        }

        for (var c = 0; c < 3; c++)
        {
            var channel = destination.Slice(c * plane, plane);
            TensorPrimitives.Multiply(channel, _multiplier[c], channel);
            TensorPrimitives.Add(channel, _offset[c], channel);
        }
    }

    private void CopyOriented(SkiaSharp.SKEncodedOrigin origin, float[] tile, Span<float> red, Span<float> green, Span<float> blue, int left, int top, int cropX, int cropY, int width, int height)
    {
        var size = _spec.InputSize;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (sx, sy) = Orientation.ToStored(origin, left + x, top + y, width, height);
                var t = (((sy - cropY) * size) + (sx - cropX)) * 3;
                var o = (y * size) + x;
                red[o] = tile[t];
                green[o] = tile[t + 1];
                blue[o] = tile[t + 2];
            }
        }
    }
}
