using System.Buffers;
using ImageClassifier.Capacity;
using SkiaSharp;

namespace ImageClassifier.Imaging;

/// <summary>
/// Premultiplied RGBA pixels of a decoded image, in a buffer borrowed from a pool (small images) or a
/// <see cref="PageBuffer"/> (large ones, so a 40-megapixel PNG is not kept alive afterwards). Dispose returns the buffer.
/// </summary>
internal sealed unsafe class DecodedImage : IDisposable
{
    private byte[]? _pooled;
    private PageBuffer? _pages;

    public DecodedImage(int width, int height, int sourceWidth, int sourceHeight, SKEncodedOrigin origin, SKEncodedImageFormat format)
    {
        Width = width;
        Height = height;
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        Origin = origin;
        Format = format;
        var bytes = BytesFor(width, height);
        if (bytes <= PageBuffer.PoolLimitBytes)
        {
            _pooled = ArrayPool<byte>.Shared.Rent((int)bytes);
        }
        else
        {
            _pages = new PageBuffer(checked((int)bytes));
        }

        ByteLength = bytes;
    }

    /// <summary>Bytes of premultiplied RGBA pixels for an image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static long BytesFor(int width, int height) => (long)width * height * 4;

    /// <summary>Width of the decoded pixels (after any DCT scaling).</summary>
    public int Width { get; }

    /// <summary>Height of the decoded pixels (after any DCT scaling).</summary>
    public int Height { get; }

    /// <summary>Width the header declares.</summary>
    public int SourceWidth { get; }

    /// <summary>Height the header declares.</summary>
    public int SourceHeight { get; }

    /// <summary>EXIF orientation to apply.</summary>
    public SKEncodedOrigin Origin { get; }

    /// <summary>The container format.</summary>
    public SKEncodedImageFormat Format { get; }

    public long ByteLength { get; }

    public int RowBytes => Width * 4;

    /// <summary>Pins the pixels for the codec to write into; valid until Dispose.</summary>
    public MemoryHandle Pin() =>
        _pooled is not null ? _pooled.AsMemory().Pin() : _pages!.Pin();

    public ReadOnlySpan<byte> Pixels =>
        _pooled is not null ? _pooled.AsSpan(0, (int)ByteLength) : _pages!.GetSpan();

    public ReadOnlySpan<byte> Row(int y) =>
        _pooled is not null
            ? _pooled.AsSpan(y * RowBytes, RowBytes)
            : new ReadOnlySpan<byte>(_pages!.Pointer + ((long)y * RowBytes), RowBytes);

    public void Dispose()
    {
        if (_pooled is not null)
        {
            ArrayPool<byte>.Shared.Return(_pooled);
            _pooled = null;
        }

        ((IDisposable?)_pages)?.Dispose();
        _pages = null;
    }
}
