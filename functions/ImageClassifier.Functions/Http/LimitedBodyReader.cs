using ImageClassifier.Capacity;
using ImageClassifier.Errors;
using ImageClassifier.Imaging;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// Reads one image's bytes within <see cref="ImageLimits.MaxBytes"/>: the buffer grows as bytes arrive and the read
/// stops at the first byte over the limit, so an oversize upload is never buffered whole.
/// </summary>
internal static class LimitedBodyReader
{
    // First buffer for a body of unknown length (chunked, a multipart part): most photos fit without growing.
    private const int UnknownLengthStart = 256 * 1024;

    /// <summary>
    /// Reads <paramref name="body"/> into a <see cref="PageBuffer"/>, refusing it as soon as it passes the byte limit. A declared
    /// length sizes the buffer once (one byte more, to see the end without growing); otherwise it doubles as bytes arrive.
    /// </summary>
    public static async Task<UploadedImage> ReadAsync(Stream body, string? fileName, long? declared, ImageLimits limits, CancellationToken cancellationToken)
    {
        var limit = limits.MaxBytes;
        var buffer = new PageBuffer((int)Math.Clamp(declared + 1 ?? UnknownLengthStart, 1, limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Capacity)
                {
                    Check(limits.CheckBytes(length, complete: false));
                    buffer.Resize((int)Math.Min((long)buffer.Capacity * 2, limit + 1));
                }

                var read = await body.ReadAsync(buffer.Memory[length..], cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                Check(limits.CheckBytes(length, complete: false));
            }

            if (length == 0)
            {
                throw new UploadRejectedException(new ImageRejection(ImageErrorCode.EmptyInput, fileName is null ? "The request body is empty: send the image bytes." : $"The file '{fileName}' is empty."));
            }

            return new UploadedImage(fileName, buffer, length);
        }
        catch
        {
            ((IDisposable)buffer).Dispose();
            throw;
        }
    }

    /// <summary>Throws the rejection, if there is one, as a request rejection.</summary>
    public static void Check(ImageRejection? rejection)
    {
        if (rejection is { } refused)
        {
            throw new UploadRejectedException(refused);
        }
    }
}
