using System.Net.Sockets;
using System.Text;
using ImageClassifier.Functions.Triggers;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// Answers no function shapes itself still carry a problem body with a stable code in the local runner: unknown routes,
/// wrong methods, a chunked body Kestrel cannot parse, an oversized multipart field; and reading labels while storage
/// is down is a 503 problem, not a 500.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProblemBodyTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Unknown_routes_and_wrong_methods_get_404_and_405_problems()
    {
        // Arrange
        await using var server = await LocalServer.StartAsync(AppSettings.For(await storage.CreateNamesAsync()));

        // Act
        using var unknown = await server.Client.GetAsync("api/nothing");
        using var root = await server.Client.GetAsync("");
        using var extra = await server.Client.PostAsync("api/classify/extra", Requests.Image([1, 2, 3], "image/png"));
        using var put = await server.Client.PutAsync("api/classify", Requests.Image([1, 2, 3], "image/png"));
        using var delete = await server.Client.DeleteAsync("api/labels/abc");

        // Assert
        ProblemAssert.Is(await FunctionResponse.ReadAsync(unknown), 404, "not_found");
        ProblemAssert.Is(await FunctionResponse.ReadAsync(root), 404, "not_found");
        ProblemAssert.Is(await FunctionResponse.ReadAsync(extra), 404, "not_found");
        ProblemAssert.Is(await FunctionResponse.ReadAsync(put), 405, "method_not_allowed");
        ProblemAssert.Is(await FunctionResponse.ReadAsync(delete), 405, "method_not_allowed");
    }

    [SkippableFact]
    public async Task Chunk_size_that_overflows_is_a_400_problem_not_a_500()
    {
        // Arrange
        await using var server = await LocalServer.StartAsync(AppSettings.For(await storage.CreateNamesAsync()));
        var request = "POST /api/classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n100000000\r\nabc";

        // Act
        var answer = await SendRawAsync(server.BaseAddress, request);

        // Assert
        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.Contains("application/problem+json", answer);
        Assert.Contains("\"code\":\"bad_request\"", answer);
    }

    [SkippableFact]
    public async Task Chunked_multipart_with_a_huge_text_field_is_refused_with_413()
    {
        // Arrange: 4 MB of text in a field, sent chunked so no Content-Length announces it.
        await using var server = await LocalServer.StartAsync(AppSettings.For(await storage.CreateNamesAsync()));
        var form = new MultipartFormDataContent { { new StringContent(new string('a', 4_000_000)), "note" } };
        var bytes = await form.ReadAsByteArrayAsync();
        var chunked = new ChunkedContent(bytes);
        chunked.Headers.TryAddWithoutValidation("Content-Type", form.Headers.ContentType!.ToString());

        // Act
        using var answer = await server.Client.PostAsync("api/classify", chunked);

        // Assert
        ProblemAssert.Is(await FunctionResponse.ReadAsync(answer), 413, "fields_too_large");
    }

    [SkippableFact]
    public async Task Reading_labels_while_storage_refuses_connections_is_a_503_problem_with_retry_after()
    {
        // Arrange: port 1 on loopback refuses connections; a SAS-style connection string needs no key.
        const string account = "http://127.0.0.1:1/devstoreaccount1";
        var connection = $"BlobEndpoint={account};QueueEndpoint={account};TableEndpoint={account};SharedAccessSignature=sv=2024-08-04&sig=unused";
        await using var app = await FunctionApp.StartAsync(AppSettings.For(new StorageNames("unreachable", "unreachable"), ("AzureWebJobsStorage", connection)));
        var context = Requests.Get(app.Services);

        // Act
        var result = await app.Create<LabelsFunction>().ByBlob(context.Request, "images", "photo.jpg", CancellationToken.None);
        var response = await FunctionResponse.ExecuteAsync(result, context);

        // Assert
        ProblemAssert.Is(response, 503, "storage_unavailable");
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
    }

    private static async Task<string> SendRawAsync(Uri server, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
