using ImageClassifier.Errors;

namespace ImageClassifier.Imaging;

/// <summary>
/// The one owner of the size limits (<see cref="ClassifierOptions.MaxImageBytes"/>, <see cref="ClassifierOptions.MaxPixels"/>)
/// and of the rejections they produce: uploads, blobs, files and the decoder all ask here.
/// </summary>
public sealed class ImageLimits(long maxBytes, long maxPixels)
{
    /// <summary>Largest encoded image accepted, in bytes.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Largest pixel count a header may declare.</summary>
    public long MaxPixels { get; } = maxPixels;

    /// <summary>
    /// The rejection for an encoded size of <paramref name="length"/> bytes, or null when it is accepted. While an upload
    /// is still streaming, <paramref name="complete"/> is false and <paramref name="length"/> is what has arrived so far.
    /// </summary>
    public ImageRejection? CheckBytes(long length, bool complete = true)
    {
        if (length == 0 && complete)
        {
            return new ImageRejection(ImageErrorCode.EmptyInput, "The image is empty: no bytes were received.");
        }

        if (length > MaxBytes)
        {
            return new ImageRejection(ImageErrorCode.TooManyBytes, complete
                ? $"The image is {length:N0} bytes; the limit is {MaxBytes:N0} bytes."
                : $"The image is larger than the limit of {MaxBytes:N0} bytes.");
        }

        return null;
    }

    /// <summary>The rejection for a header declaring <paramref name="width"/> x <paramref name="height"/>, or null when it is accepted.</summary>
    public ImageRejection? CheckPixels(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            return new ImageRejection(ImageErrorCode.CorruptImage, "The image header declares no pixels.");
        }

        var pixels = (long)width * height;
        return pixels > MaxPixels
            ? new ImageRejection(ImageErrorCode.TooManyPixels, $"The image is {width:N0}x{height:N0} ({pixels:N0} pixels); the limit is {MaxPixels:N0} pixels.")
            : null;
    }
}
