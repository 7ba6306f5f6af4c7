namespace ImageClassifier.IntegrationTests;

/// <summary>A multipart/form-data POST with several files: one answer per file, in upload order, each stored.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MultipartBatchTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Three_photos_in_one_request_are_labelled_in_upload_order_and_each_stored()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names));
        var body = Requests.Files(("coffee.png", SharedData.ImageBytes("coffee.png")), ("chelsea.png", SharedData.ImageBytes("chelsea.png")), ("camera.png", SharedData.ImageBytes("camera.png")));

        // Act
        using var posted = await server.Client.PostAsync("api/classify?top=3", body);
        var answer = await FunctionResponse.ReadAsync(posted);

        // Assert
        Assert.True(answer.Status == 200, answer.ToString());
        var items = answer.Json.EnumerateArray().ToArray();
        Assert.Equal(["coffee.png", "chelsea.png", "camera.png"], items.Select(i => i.GetProperty("file").GetString()));
        Assert.All(items, i => Assert.Equal(3, i.GetProperty("labels").GetArrayLength()));
        Assert.Equal("espresso", TopLabel(items[0]));
        Assert.Contains(TopLabel(items[1]), new[] { "tabby", "tiger cat", "Egyptian cat" });
        Assert.Equal("tripod", TopLabel(items[2]));
        foreach (var item in items)
        {
            Assert.True(item.GetProperty("stored").GetBoolean());
            using var stored = await server.Client.GetAsync($"api/labels/{item.GetProperty("id").GetString()}");
            var readBack = await FunctionResponse.ReadAsync(stored);
            Assert.Equal(item.GetProperty("file").GetString(), readBack.Json.GetProperty("file").GetString());
        }
    }

    [SkippableFact]
    public async Task Corrupt_file_among_good_ones_gets_its_own_error_and_the_others_their_labels()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names));
        var body = Requests.Files(("coffee.png", SharedData.ImageBytes("coffee.png")), ("truncated.jpg", SharedData.ImageBytes("truncated.jpg")));

        // Act
        using var posted = await server.Client.PostAsync("api/classify", body);
        var answer = await FunctionResponse.ReadAsync(posted);

        // Assert
        Assert.True(answer.Status == 200, answer.ToString());
        var items = answer.Json.EnumerateArray().ToArray();
        Assert.Equal("espresso", TopLabel(items[0]));
        var error = items[1].GetProperty("error");
        Assert.Equal("truncated.jpg", items[1].GetProperty("file").GetString());
        Assert.Equal("corrupt_image", error.GetProperty("code").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
    }

    [SkippableFact]
    public async Task Batch_where_every_file_fails_is_a_problem_listing_each_file()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names));
        var body = Requests.Files(("truncated.jpg", SharedData.ImageBytes("truncated.jpg")), ("scan.tiff", CraftedImages.Tiff()));

        // Act
        using var posted = await server.Client.PostAsync("api/classify", body);
        var answer = await FunctionResponse.ReadAsync(posted);

        // Assert
        var problem = ProblemAssert.Is(answer, 400, "corrupt_image");
        var codes = problem.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(["corrupt_image", "unsupported_format"], codes);
    }

    private static string? TopLabel(JsonElement item) => item.GetProperty("labels")[0].GetProperty("label").GetString();
}
