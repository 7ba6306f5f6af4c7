using System.Buffers;
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

    /// <summary>Reads every image of the request; anything it cannot accept throws <see cref="UploadRejectedException"/>.</summary>
    public async Task<IReadOnlyList<UploadedImage>> ReadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadImagesAsync(request, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // The server's own limits or a malformed body (e.g. a bad chunked encoding): still a client error.
            throw new UploadRejectedException(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ImageErrorCode.TooManyBytes : "bad_request", ex.Message);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Kestrel reports some malformed chunked bodies as a plain IOException, not BadHttpRequestException: a chunk
            // size that overflows (e.g. 100000000 hex) is "Bad chunk size data" wrapping an OverflowException.
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "bad_request", $"The request body could not be read: {ex.Message}");
        }
    }

    private async Task<IReadOnlyList<UploadedImage>> ReadImagesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = engine.Limits;
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return [await ReadRawAsync(request, limits, cancellationToken)];
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            throw UnsupportedMediaType(contentType);
        }

        var type = mediaType.MediaType.Value ?? "";
        if (type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadMultipartAsync(request, mediaType, limits, cancellationToken);
        }

        if (type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return [await ReadRawAsync(request, limits, cancellationToken)];
        }

        throw UnsupportedMediaType(contentType);
    }

    private static async Task<UploadedImage> ReadRawAsync(HttpRequest request, ImageLimits limits, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > 0)
        {
            LimitedBodyReader.Check(limits.CheckBytes(declared));
        }

        return await LimitedBodyReader.ReadAsync(request.Body, null, request.ContentLength, limits, cancellationToken);
    }

    private static async Task<IReadOnlyList<UploadedImage>> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue mediaType, ImageLimits limits, CancellationToken cancellationToken)
    {
        var limit = limits.MaxBytes;
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "invalid_multipart", "The multipart/form-data request has no boundary parameter.");
        }

        // MultipartReader throws ArgumentOutOfRangeException for a boundary longer than its buffer; ASP.NET's own form
        // reader refuses anything over this limit.
        if (boundary.Length > FormOptions.DefaultMultipartBoundaryLengthLimit)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "invalid_multipart", $"The multipart/form-data boundary is {boundary.Length:N0} characters; at most {FormOptions.DefaultMultipartBoundaryLengthLimit} are accepted.");
        }

        // A request may carry MaxFiles images of the per-image limit, plus fields and headers.
        var maxBody = (limit * MaxFiles) + MaxFieldBytes;
        if (request.ContentLength is { } declared && declared > maxBody)
        {
            throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, ImageErrorCode.TooManyBytes, $"The request is {declared:N0} bytes; at most {MaxFiles} images of {limit:N0} bytes each are accepted.");
        }

        // A chunked body declares no length: cap the whole body at the same bound, so a huge text field is refused too.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBody;
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

    private static UploadRejectedException UnsupportedMediaType(string contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", $"Content-Type '{contentType}' is not accepted: send image bytes as image/* or application/octet-stream, or files as multipart/form-data.");
}
