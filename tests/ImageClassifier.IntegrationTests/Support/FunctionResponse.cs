using Microsoft.AspNetCore.Http;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>Status, content type and body of an answer, whether it came over HTTP or from a function called directly.</summary>
public sealed record FunctionResponse(int Status, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public static async Task<FunctionResponse> ReadAsync(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());

    /// <summary>Runs <paramref name="result"/> against <paramref name="context"/> as the ASP.NET Core integration does, and reads what it wrote.</summary>
    public static async Task<FunctionResponse> ExecuteAsync(IResult result, HttpContext context)
    {
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return new FunctionResponse(context.Response.StatusCode, context.Response.ContentType, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    public override string ToString() => $"{Status} {ContentType}: {Body}";
}
