using System.Net.Http.Headers;
using System.Text;

namespace ImageClassifier.Soak.Hostile;

/// <summary>Request bodies of the corpus.</summary>
internal static class Bodies
{
    public const string Boundary = "soak-boundary-7d1c";

    public static ByteArrayContent Bytes(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            // Unvalidated, so that malformed media types reach the server as written.
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    public static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent(Boundary);
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
            form.Add(part, "files", name);
        }

        return form;
    }

    /// <summary>A whole multipart body in memory, every file under the form field <c>files</c>, with <see cref="Boundary"/>.</summary>
    public static byte[] MultipartBytes(IEnumerable<(string Name, byte[] Bytes, string ContentType)> files)
    {
        using var body = new MemoryStream();
        foreach (var (name, bytes, contentType) in files)
        {
            body.Write(Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: {contentType}\r\n\r\n"));
            body.Write(bytes);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return body.ToArray();
    }

    /// <summary>Bytes sent chunked, with no Content-Length.</summary>
    public static GeneratedContent Chunked(byte[] bytes, string contentType) => new(bytes, 0, 0, [], contentType);

    /// <summary>A multipart body, sent chunked, whose one text field holds <paramref name="fieldBytes"/> bytes.</summary>
    public static GeneratedContent HugeTextField(long fieldBytes) => new(
        Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"),
        fieldBytes,
        (byte)'a',
        Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"),
        $"multipart/form-data; boundary={Boundary}");
}
