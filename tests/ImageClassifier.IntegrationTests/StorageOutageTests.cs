using System.Diagnostics;
using ImageClassifier.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// Losing the labels table must not lose the answer: classification still answers 200, says <c>stored: false</c>, and
/// does so within seconds, whether storage refuses connections or accepts them and never answers.
/// </summary>
public sealed class StorageOutageTests
{
    [SkippableFact]
    public async Task Refused_storage_connection_still_answers_200_with_stored_false_and_no_id_within_seconds()
    {
        // Arrange: port 1 on loopback refuses connections.
        await using var app = await StartWithStorageAtAsync("127.0.0.1:1", storeTimeout: "00:00:05");

        // Act
        var (response, elapsed) = await ClassifyCoffeeAsync(app);

        // Assert
        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal("espresso", response.Json.GetProperty("labels")[0].GetProperty("label").GetString());
        Assert.False(response.Json.GetProperty("stored").GetBoolean());
        Assert.False(response.Json.TryGetProperty("id", out _), "an answer whose result was not stored must carry no id");
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed.TotalSeconds:F1} s");
    }

    [SkippableFact]
    public async Task Unresponsive_storage_still_answers_200_with_stored_false_after_the_store_timeout()
    {
        // Arrange: a listener that accepts connections and never answers, like a black-holed endpoint.
        using var silent = new SilentEndpoint();
        await using var app = await StartWithStorageAtAsync(silent.HostAndPort, storeTimeout: "00:00:01");

        // Act
        var (response, elapsed) = await ClassifyCoffeeAsync(app);

        // Assert
        Assert.True(response.Status == 200, response.ToString());
        Assert.False(response.Json.GetProperty("stored").GetBoolean());
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"took {elapsed.TotalSeconds:F1} s");
        Assert.True(silent.Accepted > 0, "the app never tried to reach storage");
    }

    // A SAS-style connection string names the endpoints without any account key; the signature is never checked.
    private static async Task<FunctionApp> StartWithStorageAtAsync(string hostAndPort, string storeTimeout)
    {
        var account = $"http://{hostAndPort}/devstoreaccount1";
        var connection = $"BlobEndpoint={account};QueueEndpoint={account};TableEndpoint={account};SharedAccessSignature=sv=2024-08-04&sig=unused";
        var names = new StorageNames("unreachable", "unreachable");
        return await FunctionApp.StartAsync(AppSettings.For(names, ("AzureWebJobsStorage", connection), ("StoreTimeout", storeTimeout)));
    }

    private static async Task<(FunctionResponse Response, TimeSpan Elapsed)> ClassifyCoffeeAsync(FunctionApp app)
    {
        // Warm first, so the time measured is the request's own, not the model load's.
        await app.Services.GetRequiredService<ClassifierEngine>().WarmUpAsync();
        var context = await Requests.ContextAsync(app.Services, Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));
        var started = Stopwatch.StartNew();
        var result = await app.Create<ClassifyFunction>().Run(context.Request, CancellationToken.None);
        var elapsed = started.Elapsed;
        return (await FunctionResponse.ExecuteAsync(result, context), elapsed);
    }
}
