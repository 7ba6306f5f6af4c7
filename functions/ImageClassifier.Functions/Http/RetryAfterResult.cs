using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ImageClassifier.Functions.Http;

/// <summary>Another result with a <c>Retry-After</c> header (RFC 9110 10.2.3, delay in seconds).</summary>
public sealed class RetryAfterResult(IResult inner, TimeSpan delay) : IResult
{
    /// <summary>The delay the header carries.</summary>
    public TimeSpan Delay { get; } = delay;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(Delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
