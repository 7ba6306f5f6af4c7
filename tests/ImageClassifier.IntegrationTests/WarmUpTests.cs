using ImageClassifier.Functions.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// A new instance never answers a user request without its model: a request that arrives during warm-up waits for it
/// (up to Classifier:WarmUpWait) and is labelled; past that wait it is 503 <c>warming_up</c> with <c>Retry-After</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WarmUpTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Request_arriving_during_warm_up_waits_for_the_model_and_is_labelled()
    {
        // Arrange: the first request goes in right after start, while the start-up warm-up is still loading.
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("Classifier:WarmUpWait", "00:01:00")));
        var context = await Requests.ContextAsync(app.Services, Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));

        // Act
        var response = await FunctionResponse.ExecuteAsync(await app.Create<ClassifyFunction>().Run(context.Request, CancellationToken.None), context);

        // Assert
        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal("espresso", response.Json.GetProperty("labels")[0].GetProperty("label").GetString());
    }

    [SkippableFact]
    public async Task Request_that_outwaits_the_warm_up_wait_is_503_warming_up_with_retry_after()
    {
        // Arrange: no wait at all, and a model that cannot have loaded in the time a request takes to arrive.
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("Classifier:WarmUpWait", "00:00:00")));
        var context = await Requests.ContextAsync(app.Services, Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));
        var healthContext = Requests.Get(app.Services);

        // Act
        var classify = await FunctionResponse.ExecuteAsync(await app.Create<ClassifyFunction>().Run(context.Request, CancellationToken.None), context);
        var health = await FunctionResponse.ExecuteAsync(app.Create<HealthFunction>().Run(healthContext.Request), healthContext);

        // Assert
        ProblemAssert.Is(classify, 503, "warming_up");
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        ProblemAssert.Is(health, 503, "warming_up");
    }

    [SkippableFact]
    public async Task Health_answers_200_naming_the_model_and_the_provider_it_runs_on_once_warm()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names));
        await app.Services.GetRequiredService<ClassifierEngine>().WarmUpAsync();
        var context = Requests.Get(app.Services);

        // Act
        var health = await FunctionResponse.ExecuteAsync(app.Create<HealthFunction>().Run(context.Request), context);

        // Assert: the GPU plan's smoke test reads executionProvider, so it stays a lower-case name.
        Assert.True(health.Status == 200, health.ToString());
        Assert.Equal("ready", health.Json.GetProperty("status").GetString());
        Assert.Equal("cpu", health.Json.GetProperty("executionProvider").GetString());
        Assert.StartsWith("mobilenetv2-int8", health.Json.GetProperty("model").GetProperty("name").GetString());
    }
}
