using System.Security.Cryptography;
using ImageClassifier.Storage;

namespace ImageClassifier.IntegrationTests;

/// <summary>POST /api/classify over real HTTP (the local runner), and the entity it writes to the labels table.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClassifyOverHttpTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Posted_coffee_photo_is_labelled_espresso_and_its_entity_reads_back()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names));
        var coffee = SharedData.ImageBytes("coffee.png");

        // Act
        using var posted = await server.Client.PostAsync("api/classify", Requests.Image(coffee, "image/png"));
        var answer = await FunctionResponse.ReadAsync(posted);
        var id = answer.Json.GetProperty("id").GetString()!;
        using var readBack = await server.Client.GetAsync($"api/labels/{id}");
        var stored = await FunctionResponse.ReadAsync(readBack);
        var entity = (await storage.Table(names).GetEntityAsync<LabelRecord>(TableKeys.UploadPartition, id)).Value;

        // Assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("espresso", answer.Json.GetProperty("labels")[0].GetProperty("label").GetString());
        Assert.True(answer.Json.GetProperty("stored").GetBoolean());
        Assert.Equal("png", answer.Json.GetProperty("image").GetProperty("format").GetString());

        Assert.True(stored.Status == 200, stored.ToString());
        Assert.Equal("http", stored.Json.GetProperty("source").GetString());
        Assert.Equal(id, stored.Json.GetProperty("id").GetString());
        // totalMs is one figure: the engine's time for the image, in the answer and in the stored record alike.
        Assert.Equal(answer.Json.GetProperty("timings").GetProperty("totalMs").GetDouble(), stored.Json.GetProperty("timings").GetProperty("totalMs").GetDouble(), 6);
        Assert.Equal(
            answer.Json.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("label").GetString()),
            stored.Json.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("label").GetString()));

        Assert.Equal("ok", entity.Status);
        Assert.Equal("espresso", entity.TopLabel);
        Assert.Equal(coffee.Length, entity.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(coffee)), entity.ContentSha256);
        Assert.StartsWith("mobilenetv2-int8@", entity.Model);
    }

    [SkippableFact]
    public async Task Classify_with_store_false_answers_without_an_id_and_writes_no_entity()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names));

        // Act
        using var posted = await server.Client.PostAsync("api/classify?store=false", Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));
        var answer = await FunctionResponse.ReadAsync(posted);
        var entities = await storage.Table(names).QueryAsync<LabelRecord>().ToListAsync();

        // Assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.False(answer.Json.GetProperty("stored").GetBoolean());
        Assert.False(answer.Json.TryGetProperty("id", out _), "an answer whose result was not stored must carry no id");
        Assert.Empty(entities);
    }
}
