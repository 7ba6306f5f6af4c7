using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// Problem bodies for the answers no function shapes itself: an exception that escaped a function, and the empty
/// 4xx/5xx of routing (404 unknown route, 405 wrong method). Kestrel's own rejections of a malformed request line, a
/// missing Host, a too-long URL (414) or too-large headers (431) are written by the server before any middleware runs,
/// so no application can give them a body.
/// </summary>
public static class ProblemResponses
{
    /// <summary>Code of a failure the service did not expect; the detail is in the log only.</summary>
    public const string InternalErrorCode = "internal_error";

    /// <summary>Adds the exception step and the status-code step to an ASP.NET Core pipeline (the local runner's).</summary>
    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProblemResponses).FullName!);
        app.UseStatusCodePages(context => WriteIfEmptyAsync(context.HttpContext));
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                await WriteAsync(context, ex, logger);
            }
        });
        return app;
    }

    /// <summary>Answers an exception that escaped a function with a problem body: its own 4xx for a bad request, else 500.</summary>
    public static Task WriteAsync(HttpContext context, Exception error, ILogger logger)
    {
        Log.Unhandled(logger, context.Request.Method, context.Request.Path.Value ?? "", error);
        var (status, code, detail) = error is BadHttpRequestException bad
            ? (bad.StatusCode, CodeFor(bad.StatusCode), bad.Message)
            : (StatusCodes.Status500InternalServerError, InternalErrorCode, "The request failed on the server; the service's log says why.");
        context.Response.Clear();
        context.Response.StatusCode = status;
        return Problems.Create(status, code, detail).ExecuteAsync(context);
    }

    /// <summary>The stable code of a status nothing more specific explains.</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => Problems.NotFoundCode,
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status408RequestTimeout => "request_timeout",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status414UriTooLong => "uri_too_long",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "headers_too_large",
        >= 500 => InternalErrorCode,
        _ => "bad_request",
    };

    // Only a response nothing has written gets a body: the functions' own answers are never replaced.
    private static Task WriteIfEmptyAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status404NotFound => $"No function answers '{context.Request.Path}'; the routes are listed in the README.",
            StatusCodes.Status405MethodNotAllowed => $"'{context.Request.Path}' does not accept {context.Request.Method}.",
            _ => "The request cannot be answered.",
        };
        return Problems.Create(status, CodeFor(status), detail).ExecuteAsync(context);
    }
}
