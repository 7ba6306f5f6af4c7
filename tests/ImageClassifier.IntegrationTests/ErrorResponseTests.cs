using ImageClassifier.Functions.Triggers;
using ImageClassifier.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// Every error status the HTTP functions answer, each with its RFC 7807 body and stable code, from the function classes
/// called as the Functions host calls them. (503 for a missing model is in <see cref="ModelUnavailableTests"/>.)
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ErrorResponseTests(StorageFixture storage)
{
    private const int MaxImageBytes = 1024 * 1024;

    public static TheoryData<string, int, string> ClassifyErrors => new()
    {
        { "empty body", 400, "empty_input" },
        { "truncated jpeg", 400, "corrupt_image" },
        { "top of 0", 400, "invalid_top" },
        { "store of maybe", 400, "invalid_store" },
        { "multipart without boundary", 400, "invalid_multipart" },
        { "multipart without files", 400, "no_files" },
        { "image over the byte limit", 413, "image_too_large" },
        { "png claiming 100000x100000", 413, "too_many_pixels" },
        { "17 files", 413, "too_many_files" },
        { "text/plain body", 415, "unsupported_media_type" },
        { "tiff", 415, "unsupported_format" },
    };

    [SkippableTheory]
    [MemberData(nameof(ClassifyErrors))]
    public async Task Classify_answers_a_problem_with_status_and_code(string request, int status, string code)
    {
        // Arrange
        await using var app = await StartAsync();
        var (content, query) = Build(request);
        var context = await Requests.ContextAsync(app.Services, content, query);

        // Act
        var result = await app.Create<ClassifyFunction>().Run(context.Request, CancellationToken.None);
        var response = await FunctionResponse.ExecuteAsync(result, context);

        // Assert
        ProblemAssert.Is(response, status, code);
    }

    [SkippableFact]
    public async Task Unknown_result_id_is_not_found()
    {
        await using var app = await StartAsync();
        var context = Requests.Get(app.Services);

        var result = await app.Create<LabelsFunction>().ById(context.Request, "0198a1b2c3d4e5f60718293a4b5c6d7e", CancellationToken.None);
        var response = await FunctionResponse.ExecuteAsync(result, context);

        ProblemAssert.Is(response, 404, "not_found");
    }

    [SkippableFact]
    public async Task Malformed_result_id_is_not_found_without_a_table_query()
    {
        await using var app = await StartAsync();
        var context = Requests.Get(app.Services);

        var result = await app.Create<LabelsFunction>().ById(context.Request, "../' or 1=1", CancellationToken.None);
        var response = await FunctionResponse.ExecuteAsync(result, context);

        ProblemAssert.Is(response, 404, "not_found");
    }

    [SkippableFact]
    public async Task Unknown_blob_is_not_found()
    {
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        var context = Requests.Get(app.Services);

        var result = await app.Create<LabelsFunction>().ByBlob(context.Request, names.Container, "never/uploaded.png", CancellationToken.None);
        var response = await FunctionResponse.ExecuteAsync(result, context);

        var problem = ProblemAssert.Is(response, 404, "not_found");
        Assert.Contains("never/uploaded.png", problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Multipart_boundary_longer_than_the_form_limit_is_a_400_problem()
    {
        // Arrange
        await using var app = await StartAsync();
        var content = Requests.Files(("coffee.png", SharedData.ImageBytes("coffee.png")));
        content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value = "\"" + new string('b', 5000) + "\"";
        var context = await Requests.ContextAsync(app.Services, content);

        // Act
        var result = await app.Create<ClassifyFunction>().Run(context.Request, CancellationToken.None);
        var response = await FunctionResponse.ExecuteAsync(result, context);

        // Assert
        ProblemAssert.Is(response, 400, "invalid_multipart");
    }

    private async Task<FunctionApp> StartAsync() =>
        await FunctionApp.StartAsync(AppSettings.For(await storage.CreateNamesAsync(), ("Classifier:MaxImageBytes", MaxImageBytes.ToString())));

    private static (HttpContent? Content, string Query) Build(string request) => request switch
    {
        "empty body" => (Requests.Image([], "image/png"), ""),
        "truncated jpeg" => (Requests.Image(SharedData.ImageBytes("truncated.jpg"), "image/jpeg"), ""),
        "top of 0" => (Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"), "?top=0"),
        "store of maybe" => (Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"), "?store=maybe"),
        "multipart without boundary" => (Requests.Image(SharedData.ImageBytes("coffee.png"), "multipart/form-data"), ""),
        "multipart without files" => (new MultipartFormDataContent { { new StringContent("just text"), "note" } }, ""),
        "image over the byte limit" => (Requests.Image(new byte[MaxImageBytes + 1], "image/jpeg"), ""),
        "png claiming 100000x100000" => (Requests.Image(CraftedImages.PngClaiming(100_000, 100_000), "image/png"), ""),
        "17 files" => (Requests.Files([.. Enumerable.Range(0, UploadReader.MaxFiles + 1).Select(i => ($"{i}.png", SharedData.ImageBytes("coffee.png")))]), ""),
        "text/plain body" => (Requests.Image("hello"u8.ToArray(), "text/plain"), ""),
        "tiff" => (Requests.Image(CraftedImages.Tiff(), "image/tiff"), ""),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, null),
    };
}
