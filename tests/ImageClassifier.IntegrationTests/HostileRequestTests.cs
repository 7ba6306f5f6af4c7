using System.Net.Http.Headers;
using System.Text;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// Acceptance: a run of hostile requests over real HTTP each gets a 4xx problem body with a stable code (never a 5xx),
/// and the service still labels a normal photo afterwards.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileRequestTests(StorageFixture storage)
{
    private const int MaxImageBytes = 1024 * 1024;

    [SkippableFact]
    public async Task Hostile_requests_get_4xx_problems_and_a_normal_request_still_gets_espresso()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names, ("Classifier:MaxImageBytes", MaxImageBytes.ToString())));
        var requests = await HostileRequestsAsync();
        var mismatches = new List<string>();

        // Act
        foreach (var (name, query, content, status, code) in requests)
        {
            using (content)
            {
                using var answer = await server.Client.PostAsync("api/classify" + query, content);
                var response = await FunctionResponse.ReadAsync(answer);
                var actualCode = response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true
                    ? response.Json.TryGetProperty("code", out var c) ? c.GetString() : "(no code)"
                    : "(not problem+json)";
                if (response.Status != status || actualCode != code)
                {
                    mismatches.Add($"{name}: expected {status} {code}, got {response.Status} {actualCode}: {response.Body}");
                }
            }
        }

        using var normal = await server.Client.PostAsync("api/classify", Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));
        var afterwards = await FunctionResponse.ReadAsync(normal);

        // Assert
        Assert.True(requests.Count >= 30, $"only {requests.Count} hostile requests");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
        Assert.True(afterwards.Status == 200, afterwards.ToString());
        Assert.Equal("espresso", afterwards.Json.GetProperty("labels")[0].GetProperty("label").GetString());
    }

    private static async Task<List<(string Name, string Query, HttpContent? Content, int Status, string Code)>> HostileRequestsAsync()
    {
        var coffee = SharedData.ImageBytes("coffee.png");
        var cutOff = await TruncatedAsync(Requests.Files(("coffee.png", coffee)), 1000);
        var truncated = SharedData.ImageBytes("truncated.jpg");
        var tooLarge = new byte[2 * MaxImageBytes];
        coffee.CopyTo(tooLarge, 0);
        return
        [
            ("empty body, no content type", "", null, 400, "empty_input"),
            ("empty body as image/png", "", Requests.Image([], "image/png"), 400, "empty_input"),
            ("noise as octet-stream", "", Requests.Image(CraftedImages.Noise(4096), "application/octet-stream"), 415, "unsupported_format"),
            ("noise with no content type", "", new ByteArrayContent(CraftedImages.Noise(4096, seed: 11)), 415, "unsupported_format"),
            ("text sent as image/jpeg", "", Requests.Image("definitely not a jpeg"u8.ToArray(), "image/jpeg"), 415, "unsupported_format"),
            ("truncated jpeg", "", Requests.Image(truncated, "image/jpeg"), 400, "corrupt_image"),
            ("png signature only", "", Requests.Image(coffee[..8], "image/png"), 400, "corrupt_image"),
            ("jpeg start-of-image only", "", Requests.Image([0xFF, 0xD8, 0xFF], "image/jpeg"), 400, "corrupt_image"),
            ("first half of a png", "", Requests.Image(coffee[..(coffee.Length / 2)], "image/png"), 400, "corrupt_image"),
            ("2 MB with Content-Length", "", Requests.Image(tooLarge, "image/png"), 413, "image_too_large"),
            ("2 MB chunked, no Content-Length", "", WithType(new ChunkedContent(tooLarge), "image/png"), 413, "image_too_large"),
            ("2 MB file in multipart", "", Requests.Files(("big.png", tooLarge)), 413, "image_too_large"),
            ("text/plain", "", Requests.Image(coffee, "text/plain"), 415, "unsupported_media_type"),
            ("application/json", "", new StringContent("{\"image\":\"coffee\"}", Encoding.UTF8, "application/json"), 415, "unsupported_media_type"),
            ("unparseable content type", "", WithRawType(new ByteArrayContent(coffee), "not a media type"), 415, "unsupported_media_type"),
            ("top=0", "?top=0", Requests.Image(coffee, "image/png"), 400, "invalid_top"),
            ("top=21", "?top=21", Requests.Image(coffee, "image/png"), 400, "invalid_top"),
            ("top=abc", "?top=abc", Requests.Image(coffee, "image/png"), 400, "invalid_top"),
            ("top=-3", "?top=-3", Requests.Image(coffee, "image/png"), 400, "invalid_top"),
            ("store=maybe", "?store=maybe", Requests.Image(coffee, "image/png"), 400, "invalid_store"),
            ("little-endian tiff", "", Requests.Image(CraftedImages.Tiff(), "image/tiff"), 415, "unsupported_format"),
            ("big-endian tiff sent as image/png", "", Requests.Image(CraftedImages.Tiff(bigEndian: true), "image/png"), 415, "unsupported_format"),
            ("png claiming 100000x100000", "", Requests.Image(CraftedImages.PngClaiming(100_000, 100_000), "image/png"), 413, "too_many_pixels"),
            ("gif claiming 65535x65535", "", Requests.Image(CraftedImages.GifClaimingHuge(), "image/gif"), 413, "too_many_pixels"),
            ("svg", "", Requests.Image(CraftedImages.Svg(), "image/svg+xml"), 415, "unsupported_format"),
            ("heic header", "", Requests.Image(CraftedImages.HeicHeader(), "image/heic"), 415, "unsupported_format"),
            ("multipart body that is not multipart", "", WithRawType(new ByteArrayContent("this is not multipart at all"u8.ToArray()), "multipart/form-data; boundary=xyz"), 400, "invalid_multipart"),
            ("multipart cut off inside a file", "", cutOff, 400, "invalid_multipart"),
            ("multipart without boundary", "", Requests.Image(coffee, "multipart/form-data"), 400, "invalid_multipart"),
            ("multipart with no files", "", new MultipartFormDataContent { { new StringContent("just a note"), "note" } }, 400, "no_files"),
            ("multipart with an empty file", "", Requests.Files(("empty.png", [])), 400, "empty_input"),
            ("multipart with 17 files", "", Requests.Files([.. Enumerable.Range(0, 17).Select(i => ($"{i}.jpg", truncated))]), 413, "too_many_files"),
            ("multipart with only a truncated jpeg", "", Requests.Files(("truncated.jpg", truncated)), 400, "corrupt_image"),
        ];
    }

    private static HttpContent WithType(HttpContent content, string mediaType)
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    private static HttpContent WithRawType(HttpContent content, string contentType)
    {
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    // The first bytes of a well-formed multipart body, with its real boundary: the closing delimiter never comes.
    private static async Task<HttpContent> TruncatedAsync(MultipartFormDataContent content, int length)
    {
        var bytes = await content.ReadAsByteArrayAsync();
        return WithRawType(new ByteArrayContent(bytes[..length]), content.Headers.ContentType!.ToString());
    }
}
