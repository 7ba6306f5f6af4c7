using ImageClassifier.Errors;
using Microsoft.AspNetCore.Http;

namespace ImageClassifier.Functions.Http;

/// <summary>The one mapping from errors to RFC 7807 problem responses. Bodies carry a stable <c>code</c>, never a stack trace.</summary>
public static class Problems
{
    /// <summary>HTTP status for an engine rejection code.</summary>
    public static int StatusFor(string code) => code switch
    {
        ImageErrorCode.TooManyBytes or ImageErrorCode.TooManyPixels => StatusCodes.Status413PayloadTooLarge,
        ImageErrorCode.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>A problem response for an image the engine refused.</summary>
    public static IResult For(ImageRejectedException error) => Create(StatusFor(error.Code), error.Code, error.Message);

    /// <summary>A problem response for a request that cannot be accepted.</summary>
    public static IResult For(UploadRejectedException error) => Create(error.Status, error.Code, error.Message);

    /// <summary>A problem response with a stable code.</summary>
    public static IResult Create(int status, string code, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                extensions[key] = value;
            }
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: Title(status), type: $"https://httpstatuses.io/{status}", extensions: extensions);
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request or image is not valid",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status413PayloadTooLarge => "The image is too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status503ServiceUnavailable => "The model is not ready",
        _ => "Request failed",
    };
}
