using ImageClassifier.Capacity;
using ImageClassifier.Errors;
using SkiaSharp;

namespace ImageClassifier.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP, GIF (first frame) and BMP with SkiaSharp into premultiplied RGBA, refusing bad input with a
/// typed <see cref="ImageRejectedException"/>. Dimensions are checked from the header before any pixel is decoded, and
/// JPEGs are decoded at the smallest DCT scale that keeps the shorter side at or above the resize target.
/// </summary>
internal sealed class ImageDecoder(ImageLimits limits)
{
    private static readonly HashSet<SKEncodedImageFormat> Supported =
    [
        SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Gif, SKEncodedImageFormat.Bmp,
    ];

    /// <summary>
    /// Decodes bytes whose length <see cref="ImageLimits.CheckBytes"/> has already accepted. Data that ends before the
    /// size its header declares is refused as corrupt, in every format (a single-scan JPEG through <see cref="JpegScanEnd"/>).
    /// </summary>
    public unsafe DecodedImage Decode(ReadOnlyMemory<byte> encoded, int targetShortSide)
    {
        var scanEnd = JpegScanEnd.Find(encoded.Span);
        if (scanEnd < 0)
        {
            using var pin = encoded.Pin();
            return Decode((IntPtr)pin.Pointer, encoded.Length, encoded.Span, targetShortSide);
        }

        // Freed as soon as the pixels are out: a pooled copy of every JPEG would stay with the process.
        var length = scanEnd + JpegScanEnd.Padding;
        using var padded = new PageBuffer(length);
        var copy = padded.GetSpan();
        encoded.Span[..scanEnd].CopyTo(copy);
        copy[scanEnd..].Clear();
        return Decode((IntPtr)padded.Pointer, length, encoded.Span, targetShortSide);
    }

    // original: the bytes as received, for naming what they are when they cannot be decoded.
    private unsafe DecodedImage Decode(IntPtr encoded, int length, ReadOnlySpan<byte> original, int targetShortSide)
    {
        using var data = SKData.Create(encoded, length, releaseProc: null);
        using var stream = new SKMemoryStream(data);
        using var codec = Open(stream, original);
        var format = codec.EncodedFormat;
        var info = codec.Info;
        var size = ScaledSize(codec, info, targetShortSide);
        var image = new DecodedImage(size.Width, size.Height, info.Width, info.Height, codec.EncodedOrigin, format);
        try
        {
            var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            SKCodecResult result;
            using (var handle = image.Pin())
            {
                result = codec.GetPixels(target, (IntPtr)handle.Pointer, image.RowBytes, new SKCodecOptions(0));
            }

            if (result != SKCodecResult.Success)
            {
                throw new ImageRejectedException(ImageErrorCode.CorruptImage, DescribeFailure(format.ToString().ToUpperInvariant(), result));
            }

            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The most bytes <see cref="Decode(ReadOnlyMemory{byte}, int)"/> will allocate (the pixels, and a JPEG's padded
    /// copy), read from the header alone so the caller can make room for them first. Refuses what Decode would refuse
    /// from the header (not an image, unsupported, too many pixels).
    /// </summary>
    public unsafe long DecodeBytes(ReadOnlyMemory<byte> encoded, int targetShortSide)
    {
        using var pin = encoded.Pin();
        using var data = SKData.Create((IntPtr)pin.Pointer, encoded.Length, releaseProc: null);
        using var stream = new SKMemoryStream(data);
        using var codec = Open(stream, encoded.Span);
        var size = ScaledSize(codec, codec.Info, targetShortSide);
        var padded = codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? encoded.Length + JpegScanEnd.Padding : 0;
        return DecodedImage.BytesFor(size.Width, size.Height) + padded;
    }

    // A codec for a supported format whose header declares an accepted size; anything else is refused here.
    private SKCodec Open(SKStream stream, ReadOnlySpan<byte> original)
    {
        var codec = SKCodec.Create(stream, out var createResult) ?? throw NotDecodable(original, createResult);
        try
        {
            var format = codec.EncodedFormat;
            if (!Supported.Contains(format))
            {
                throw new ImageRejectedException(ImageErrorCode.UnsupportedFormat, $"{format} images are not supported; send JPEG, PNG, WebP, GIF or BMP.");
            }

            if (limits.CheckPixels(codec.Info.Width, codec.Info.Height) is { } refused)
            {
                throw refused.ToException();
            }

            return codec;
        }
        catch
        {
            codec.Dispose();
            throw;
        }
    }

    // libjpeg-turbo decodes at N/8 scales almost N^2/64 of the cost; other codecs report their full size here.
    private static SKSizeI ScaledSize(SKCodec codec, SKImageInfo info, int targetShortSide)
    {
        if (codec.EncodedFormat != SKEncodedImageFormat.Jpeg || Math.Min(info.Width, info.Height) <= targetShortSide)
        {
            return info.Size;
        }

        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Min(scaled.Width, scaled.Height) >= targetShortSide)
            {
                return scaled;
            }
        }

        return info.Size;
    }

    private static ImageRejectedException NotDecodable(ReadOnlySpan<byte> bytes, SKCodecResult result)
    {
        var known = FormatSniffer.UnsupportedFormatName(bytes);
        if (known is not null)
        {
            return new ImageRejectedException(ImageErrorCode.UnsupportedFormat, $"{known} is not a supported image format; send JPEG, PNG, WebP, GIF or BMP.");
        }

        if (FormatSniffer.HasSupportedSignature(bytes))
        {
            return new ImageRejectedException(ImageErrorCode.CorruptImage, DescribeFailure("image", result));
        }

        return new ImageRejectedException(ImageErrorCode.UnsupportedFormat, "The data is not a recognised image; send JPEG, PNG, WebP, GIF or BMP.");
    }

    private static string DescribeFailure(string format, SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => $"The {format} is truncated: its data ends before the image is complete.",
        SKCodecResult.ErrorInInput => $"The {format} data is damaged and cannot be decoded.",
        _ => $"The {format} cannot be decoded ({result}).",
    };
}
