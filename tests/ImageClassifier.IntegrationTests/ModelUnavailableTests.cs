using ImageClassifier.Functions.Functions;

namespace ImageClassifier.IntegrationTests;

/// <summary>A model directory that does not exist: classification and health answer 503 naming the setting to fix.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModelUnavailableTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Missing_model_directory_makes_classify_and_health_answer_503_naming_the_setting()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), "no-model-" + Guid.NewGuid().ToString("N"));
        var names = await storage.CreateNamesAsync();
        await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("Classifier:ModelDirectory", missing)));
        var classifyContext = await Requests.ContextAsync(app.Services, Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));

        // Act
        var classify = await FunctionResponse.ExecuteAsync(await app.Create<ClassifyFunction>().Run(classifyContext.Request, CancellationToken.None), classifyContext);
        var health = await HealthAfterWarmUpAsync(app);

        // Assert
        var classifyProblem = ProblemAssert.Is(classify, 503, "model_unavailable");
        Assert.Contains("Classifier:ModelDirectory", classifyProblem.GetProperty("detail").GetString());
        var healthProblem = ProblemAssert.Is(health, 503, "model_unavailable");
        Assert.Contains("Classifier:ModelDirectory", healthProblem.GetProperty("detail").GetString());
    }

    // Health says "warming_up" until the start-up load has finished failing; that takes milliseconds.
    private static async Task<FunctionResponse> HealthAfterWarmUpAsync(FunctionApp app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var context = Requests.Get(app.Services);
            var response = await FunctionResponse.ExecuteAsync(app.Create<HealthFunction>().Run(context.Request), context);
            if (!response.Body.Contains("warming_up", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(50);
        }
    }
}
