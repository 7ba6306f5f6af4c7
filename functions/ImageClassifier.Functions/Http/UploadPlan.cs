using ImageClassifier.Errors;
using ImageClassifier.Imaging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// What a classify request is, judged from its headers before a byte of the body is read or any room is reserved: the
/// media type, a declared length over the limits and a bad multipart boundary are refused at once, not after a wait.
/// </summary>
/// <param name="Boundary">The multipart boundary; null for a raw image body.</param>
/// <param name="Reserve">Bytes to reserve for the body: its declared length, else the most it may carry.</param>
internal sealed record UploadPlan(string? Boundary, long Reserve)
{
    /// <summary>The plan for <paramref name="request"/>, or the <see cref="UploadRejectedException"/> it gets.</summary>
    public static UploadPlan For(HttpRequest request, ImageLimits limits)
    {
        var contentType = request.ContentType;
        var declared = request.ContentLength is > 0 ? request.ContentLength : null;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return Raw(declared, limits);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            throw UnsupportedMediaType(contentType);
        }

        var type = mediaType.MediaType.Value ?? "";
        if (type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Multipart(mediaType, declared, limits);
        }

        if (type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return Raw(declared, limits);
        }

        throw UnsupportedMediaType(contentType);
    }

    /// <summary>A multipart request may carry <see cref="UploadReader.MaxFiles"/> images of the per-image limit, plus fields and headers.</summary>
    public static long MaxMultipartBody(ImageLimits limits) => (limits.MaxBytes * UploadReader.MaxFiles) + UploadReader.MaxFieldBytes;

    private static UploadPlan Raw(long? declared, ImageLimits limits)
    {
        if (declared is { } length)
        {
            LimitedBodyReader.Check(limits.CheckBytes(length));
        }

        return new UploadPlan(null, declared ?? limits.MaxBytes);
    }

    private static UploadPlan Multipart(MediaTypeHeaderValue mediaType, long? declared, ImageLimits limits)
    {
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

        var maxBody = MaxMultipartBody(limits);
        if (declared > maxBody)
        {
            throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, ImageErrorCode.TooManyBytes, $"The request is {declared:N0} bytes; at most {UploadReader.MaxFiles} images of {limits.MaxBytes:N0} bytes each are accepted.");
        }

        return new UploadPlan(boundary, declared ?? maxBody);
    }

    private static UploadRejectedException UnsupportedMediaType(string contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", $"Content-Type '{contentType}' is not accepted: send image bytes as image/* or application/octet-stream, or files as multipart/form-data.");
}
