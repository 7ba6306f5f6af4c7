using System.Buffers;
using ImageClassifier.Capacity;
using ImageClassifier.Errors;
using ImageClassifier.Imaging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// Reads the images of a classify request: a raw body (<c>image/*</c>, <c>application/octet-stream</c>, or no content
/// type) or <c>multipart/form-data</c> with one or more files. Size limits are enforced from Content-Length before a byte
/// is read, and while streaming when the length is not declared, so an oversize upload is never buffered whole.
/// (The Functions host's own 100 MB limit has answered 500 instead of 413: azure-functions-host #10519.)
/// </summary>
public sealed class UploadReader(ClassifierEngine engine)
{
    /// <summary>Most files one multipart request may carry.</summary>
    public const int MaxFiles = 16;

    /// <summary>Most bytes all the non-file fields of one multipart request may carry together; they are read and dropped.</summary>
    public const int MaxFieldBytes = 64 * 1024;

    /// <summary>
    /// Reads every image of the request once the engine's memory budget has room for it (its declared length, else the
    /// most it may carry). Anything it cannot accept throws <see cref="UploadRejectedException"/>: 503 <c>busy</c> when
    /// no room was free within the budget's wait. Whatever is refused or cancelled gives its room back.
    /// </summary>
    public async Task<Upload> ReadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var plan = UploadPlan.For(request, engine.Limits);
        MemoryLease room;
        try
        {
            room = await engine.Memory.AcquireUploadAsync(plan.Reserve, cancellationToken);
        }
        catch (ServerBusyException ex)
        {
            // Read the body to its end without keeping it, so the client gets its 503 rather than a reset connection
            // while it is still sending (64 clients at the limit: 16 of 154 requests failed that way before).
            await DiscardAsync(request.Body, plan.Reserve, cancellationToken);
            throw new UploadRejectedException(StatusCodes.Status503ServiceUnavailable, Problems.BusyCode, ex.Message);
        }

        try
        {
            return new Upload(await ReadImagesAsync(request, plan.Boundary, cancellationToken), room);
        }
        catch (BadHttpRequestException ex)
        {
            room.Dispose();
            // The server's own limits or a malformed body (e.g. a bad chunked encoding): still a client error.
            throw new UploadRejectedException(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ImageErrorCode.TooManyBytes : "bad_request", ex.Message);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            room.Dispose();
            // Kestrel reports some malformed chunked bodies as a plain IOException, not BadHttpRequestException: a chunk
            // size that overflows (e.g. 100000000 hex) is "Bad chunk size data" wrapping an OverflowException.
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "bad_request", $"The request body could not be read: {ex.Message}");
        }
        catch
        {
            room.Dispose();
            throw;
        }
    }

    // Reads and drops at most the bytes the request may carry; a body that is longer or broken is left to the server.
    private static async Task DiscardAsync(Stream body, long most, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while (total <= most && (read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }
        }
        catch (IOException)
        {
            // Malformed or abandoned: the busy answer stands.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<IReadOnlyList<UploadedImage>> ReadImagesAsync(HttpRequest request, string? boundary, CancellationToken cancellationToken) =>
        boundary is null
            ? [await LimitedBodyReader.ReadAsync(request.Body, null, request.ContentLength, engine.Limits, cancellationToken)]
            : await ReadMultipartAsync(request, boundary, engine.Limits, cancellationToken);

    private static async Task<IReadOnlyList<UploadedImage>> ReadMultipartAsync(HttpRequest request, string boundary, ImageLimits limits, CancellationToken cancellationToken)
    {
        // A chunked body declares no length: cap the whole body at the same bound, so a huge text field is refused too.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = UploadPlan.MaxMultipartBody(limits);
        }

        var images = new List<UploadedImage>();
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
            MultipartSection? section;
            var fieldBytes = 0L;
            while ((section = await NextSectionAsync(reader, cancellationToken)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    fieldBytes += await SkipFieldAsync(section.Body, MaxFieldBytes - fieldBytes, cancellationToken);
                    continue;
                }

                if (images.Count == MaxFiles)
                {
                    throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, "too_many_files", $"At most {MaxFiles} files are accepted in one request.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                images.Add(await ReadPartAsync(section.Body, name, limits, cancellationToken));
            }
        }
        catch
        {
            images.ForEach(i => i.Dispose());
            throw;
        }

        if (images.Count == 0)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "no_files", "The multipart/form-data request has no file parts; send each image as a file field.");
        }

        return images;
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw Malformed(ex);
        }
    }

    // Reads a non-file field to its end without keeping it, refusing it once the fields pass MaxFieldBytes together.
    private static async Task<long> SkipFieldAsync(Stream body, long allowed, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await ReadSectionAsync(body, buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > allowed)
                {
                    throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, "fields_too_large", $"The non-file fields of a multipart/form-data request may carry at most {MaxFieldBytes:N0} bytes together.");
                }
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadSectionAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw Malformed(ex);
        }
    }

    // A body that ends inside a part (a dropped or hand-made upload) is malformed multipart, not a server error.
    private static async Task<UploadedImage> ReadPartAsync(Stream body, string? fileName, ImageLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            return await LimitedBodyReader.ReadAsync(body, fileName, null, limits, cancellationToken);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw Malformed(ex);
        }
    }

    // Kestrel's own BadHttpRequestException (also an IOException) keeps its status.
    private static bool IsMalformed(Exception ex) => ex is InvalidDataException or IOException and not BadHttpRequestException;

    private static UploadRejectedException Malformed(Exception ex) =>
        new(StatusCodes.Status400BadRequest, "invalid_multipart", $"The multipart/form-data body is malformed: {ex.Message}");
}
