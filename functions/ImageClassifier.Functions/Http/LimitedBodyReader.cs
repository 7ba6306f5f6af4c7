using System.Buffers;
using ImageClassifier.Errors;
using ImageClassifier.Imaging;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// Reads one image's bytes within <see cref="ImageLimits.MaxBytes"/>: the buffer grows as bytes arrive and the read
/// stops at the first byte over the limit, so an oversize upload is never buffered whole.
/// </summary>
internal static class LimitedBodyReader
{
    /// <summary>Reads <paramref name="body"/> into a pooled buffer, refusing it as soon as it passes the byte limit.</summary>
    public static async Task<UploadedImage> ReadAsync(Stream body, string? fileName, long? declared, ImageLimits limits, CancellationToken cancellationToken)
    {
        var limit = limits.MaxBytes;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(declared ?? 256 * 1024, 1, limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    Check(limits.CheckBytes(length, complete: false));
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
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
            ArrayPool<byte>.Shared.Return(buffer);
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
