using ImageClassifier.Soak.Images;
using static ImageClassifier.Soak.Hostile.Expectation;

namespace ImageClassifier.Soak.Hostile;

/// <summary>
/// The hostile requests: bad bodies and media types, limits, bad query values and routes through HttpClient; framing,
/// line and header abuse over raw sockets (see the second part of this class). <paramref name="photo"/> is a valid
/// 640x427 JPEG; <paramref name="maxImageBytes"/> the service's upload limit.
/// </summary>
internal static partial class HostileCorpus
{
    public static IReadOnlyList<HostileCase> Create(byte[] photo, byte[] truncatedJpeg, long maxImageBytes) =>
        [.. HttpCases(photo, truncatedJpeg, maxImageBytes), .. RawCases(photo)];

    private static IEnumerable<HostileCase> HttpCases(byte[] photo, byte[] truncatedJpeg, long maxImageBytes)
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        var oversize = new byte[maxImageBytes + 1];
        photo.CopyTo(oversize, 0);
        var lying = CraftedImages.JpegDeclaring(photo, 7000, 5700);
        var gif = CraftedImages.GifBomb();
        var files17 = Enumerable.Range(0, 17).Select(i => ($"f{i}.jpg", photo)).ToArray();

        HostileCase Post(string name, string query, Func<HttpContent?> content, Expectation expected) =>
            new(name, "http", expected, t => t.HttpAsync(HttpMethod.Post, "api/classify" + query, content()));
        HostileCase Call(string name, HttpMethod method, string path, Expectation expected) =>
            new(name, "http", expected, t => t.HttpAsync(method, path));

        yield return Post("valid 640x427 JPEG (control)", "", () => Bodies.Bytes(photo, "image/jpeg"), Accept());
        yield return Post("empty body, no content type", "", () => null, Reject(400, "empty_input"));
        yield return Post("empty body as image/jpeg", "", () => Bodies.Bytes([], "image/jpeg"), Reject(400, "empty_input"));
        yield return Post("4 KiB garbage as octet-stream", "", () => Bodies.Bytes(garbage, "application/octet-stream"), Reject(415, "unsupported_format"));
        yield return Post("4 KiB garbage as image/png", "", () => Bodies.Bytes(garbage, "image/png"), Reject(415, "unsupported_format"));
        yield return Post("truncated JPEG (first half)", "", () => Bodies.Bytes(photo[..(photo.Length / 2)], "image/jpeg"), Reject(400, "corrupt_image"));
        yield return Post("truncated JPEG (testdata truncated.jpg)", "", () => Bodies.Bytes(truncatedJpeg, "image/jpeg"), Reject(400, "corrupt_image"));
        yield return Post("JPEG header 7000x5700 over 640x427 of data", "", () => Bodies.Bytes(lying, "image/jpeg"), Reject(400, "corrupt_image"));
        yield return Post("68-byte GIF declaring 6000x6600", "", () => Bodies.Bytes(gif, "image/gif"), NoServerError());
        yield return Post("oversize: limit + 1 byte, Content-Length", "", () => Bodies.Bytes(oversize, "image/jpeg"), Reject(413, "image_too_large"));
        yield return Post("oversize: limit + 1 byte, chunked", "", () => Bodies.Chunked(oversize, "image/jpeg"), Reject(413, "image_too_large"));
        yield return Post("oversize file in multipart", "", () => Bodies.Files(("big.jpg", oversize)), Reject(413, "image_too_large"));
        yield return Post("chunked multipart, 100 MB text field", "", () => Bodies.HugeTextField(100_000_000), AnyClientError());
        yield return Post("17 files in multipart", "", () => Bodies.Files(files17), AnyClientError());
        yield return Post("multipart with no files", "", () => new MultipartFormDataContent(Bodies.Boundary), AnyClientError());
        yield return Post("multipart without a boundary", "", () => Bodies.Bytes(photo, "multipart/form-data"), AnyClientError());
        yield return Post("multipart filename with control characters", "", () => Bodies.Files(("a\u0001b\u007f.jpg", photo)), NoServerError());
        yield return Post("text/plain", "", () => Bodies.Bytes(photo, "text/plain"), Reject(415, "unsupported_media_type"));
        yield return Post("application/json", "", () => Bodies.Bytes("{\"image\":1}"u8.ToArray(), "application/json"), Reject(415, "unsupported_media_type"));
        yield return Post("form-urlencoded", "", () => Bodies.Bytes("a=b"u8.ToArray(), "application/x-www-form-urlencoded"), Reject(415, "unsupported_media_type"));
        yield return Post("unparseable content type", "", () => Bodies.Bytes(photo, "not a media type"), Reject(415, "unsupported_media_type"));
        foreach (var top in new[] { "0", "21", "abc", "-1", "1e3", "", "99999999999999999999" })
        {
            yield return Post($"top={top}", $"?top={top}", () => Bodies.Bytes(photo, "image/jpeg"), Reject(400, "invalid_top"));
        }

        foreach (var store in new[] { "maybe", "2", "" })
        {
            yield return Post($"store={store}", $"?store={store}", () => Bodies.Bytes(photo, "image/jpeg"), Reject(400, "invalid_store"));
        }

        yield return Call("unknown route GET /api/nothing", HttpMethod.Get, "api/nothing", Reject(404));
        yield return Call("unknown route GET /", HttpMethod.Get, "", Reject(404));
        yield return Call("unknown route POST /api/classify/extra", HttpMethod.Post, "api/classify/extra", Reject(404));
        yield return Call("wrong method GET /api/classify", HttpMethod.Get, "api/classify", Reject(405));
        yield return Call("wrong method PUT /api/classify", HttpMethod.Put, "api/classify", Reject(405));
        yield return Call("wrong method DELETE /api/labels/x", HttpMethod.Delete, "api/labels/x", Reject(405));
        yield return Call("wrong method POST /api/health", HttpMethod.Post, "api/health", Reject(405));
        yield return Call("labels: id that is no result id", HttpMethod.Get, "api/labels/not-an-id", AnyClientError());
        yield return Call("labels: unknown result id", HttpMethod.Get, "api/labels/0123456789abcdef0123456789abcdef", Reject(404));
        yield return Call("labels: encoded traversal ..%2F..%2Fetc%2Fpasswd", HttpMethod.Get, "api/labels/images/..%2F..%2Fetc%2Fpasswd", AnyClientError());
        yield return Call("labels: encoded dots %2e%2e/%2e%2e/secret", HttpMethod.Get, "api/labels/images/%2e%2e/%2e%2e/secret", AnyClientError());
        yield return Call("labels: backslashes ..%5C..%5Cwindows", HttpMethod.Get, "api/labels/images/..%5C..%5Cwindows", AnyClientError());
        yield return Call("labels: container that cannot exist", HttpMethod.Get, "api/labels/UPPER_case/x.jpg", AnyClientError());
        yield return Call("labels: control character %01 in a name", HttpMethod.Get, "api/labels/images/a%01b.jpg", AnyClientError());
        yield return Call("labels: NUL in a name", HttpMethod.Get, "api/labels/images/a%00b.jpg", ServerParserReject(400));
        yield return Call("labels: CR LF in a name", HttpMethod.Get, "api/labels/images/x%0D%0ASet-Cookie:%20a=b", AnyClientError());
        yield return Call("labels: 1100-character blob name", HttpMethod.Get, "api/labels/images/" + new string('n', 1100), AnyClientError());
    }
}
