using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>Builds requests: <see cref="HttpContext"/>s for direct calls, and multipart bodies for both kinds of call.</summary>
public static class Requests
{
    /// <summary>A request whose body and headers are those of <paramref name="content"/> (null: an empty body with no content type).</summary>
    public static async Task<HttpContext> ContextAsync(IServiceProvider services, HttpContent? content, string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        context.Request.QueryString = new QueryString(query);
        var bytes = content is null ? [] : await content.ReadAsByteArrayAsync();
        context.Request.ContentType = content?.Headers.ContentType?.ToString();
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context;
    }

    public static HttpContext Get(IServiceProvider services) =>
        new DefaultHttpContext { RequestServices = services, Request = { Method = HttpMethods.Get } };

    public static ByteArrayContent Image(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    /// <summary>A multipart/form-data body with each image as a file field named <c>file</c>.</summary>
    public static MultipartFormDataContent Files(params (string FileName, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", fileName);
        }

        return content;
    }
}
