using ImageClassifier.Errors;
using Microsoft.AspNetCore.Http;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// The one mapping from errors to RFC 7807 problem responses: every stable <c>code</c> the app answers with has its
/// status here, and every problem body is built here. Bodies carry a code and a message for the client, never a stack
/// trace, a server path or a runtime's own error text.
/// </summary>
public static class Problems
{
    /// <summary>Code of a request that names nothing stored.</summary>
    public const string NotFoundCode = "not_found";

    /// <summary>Code while the model is still loading.</summary>
    public const string WarmingUpCode = "warming_up";

    /// <summary>Code when the model cannot be loaded.</summary>
    public const string ModelUnavailableCode = "model_unavailable";

    /// <summary>Code when the labels table cannot be reached.</summary>
    public const string StorageUnavailableCode = "storage_unavailable";

    /// <summary>Code when the instance has no room for more images in flight (the engine's memory budget).</summary>
    public const string BusyCode = "busy";

    /// <summary>What a client is told to wait before trying a warming instance again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>HTTP status for a stable error code; unknown codes are client errors.</summary>
    public static int StatusFor(string code) => code switch
    {
        ImageErrorCode.TooManyBytes or ImageErrorCode.TooManyPixels or "too_many_files" or "fields_too_large" => StatusCodes.Status413PayloadTooLarge,
        ImageErrorCode.UnsupportedFormat or "unsupported_media_type" => StatusCodes.Status415UnsupportedMediaType,
        NotFoundCode or BackfillRequest.ContainerNotFoundCode => StatusCodes.Status404NotFound,
        WarmingUpCode or ModelUnavailableCode or StorageUnavailableCode or BusyCode => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>A problem response for an image the engine refused.</summary>
    public static IResult For(ImageRejection rejection) => Create(StatusFor(rejection.Code), rejection.Code, rejection.Message);

    /// <summary>A problem response for a request that cannot be accepted; <c>busy</c> carries <c>Retry-After</c>.</summary>
    public static IResult For(UploadRejectedException error) =>
        error.Code == BusyCode ? Busy(error.Message) : Create(error.Status, error.Code, error.Message);

    /// <summary>503 <c>busy</c> with <c>Retry-After</c>: no room for the request's images within the admission wait.</summary>
    public static IResult Busy(string detail) =>
        new RetryAfterResult(Create(StatusCodes.Status503ServiceUnavailable, BusyCode, detail), RetryAfter);

    /// <summary>404 for something that is not stored.</summary>
    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, NotFoundCode, detail);

    /// <summary>
    /// 503 for a model that is not ready: <c>warming_up</c> with <c>Retry-After</c> while it loads, or
    /// <c>model_unavailable</c> when it cannot be loaded. The reason is in the log, not in the body.
    /// </summary>
    public static IResult NotReady(ModelReadiness readiness) => readiness == ModelReadiness.WarmingUp
        ? new RetryAfterResult(Create(StatusCodes.Status503ServiceUnavailable, WarmingUpCode, "The model is loading; try again in a few seconds."), RetryAfter)
        : Create(StatusCodes.Status503ServiceUnavailable, ModelUnavailableCode, "The model cannot be loaded on this instance; the service's log says why.");

    /// <summary>503 with <c>Retry-After</c> while storage cannot be reached; the reason is in the log, not in the body.</summary>
    public static IResult StorageUnavailable() =>
        new RetryAfterResult(Create(StatusCodes.Status503ServiceUnavailable, StorageUnavailableCode, "Stored labels cannot be read right now; try again in a few seconds."), RetryAfter);

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
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        _ => "Request failed",
    };
}
