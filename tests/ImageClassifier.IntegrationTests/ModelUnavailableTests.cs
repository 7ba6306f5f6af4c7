using ImageClassifier.Functions.Functions;
using Microsoft.Extensions.Options;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// A missing model directory stops start-up naming the setting; a model directory that fails to load (labels that do
/// not match the graph) leaves the host up, and classification and health answer 503 with the reason.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModelUnavailableTests(StorageFixture storage)
{
    [SkippableFact]
    public async Task Missing_model_directory_stops_start_up_naming_the_setting()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), "no-model-" + Guid.NewGuid().ToString("N"));
        var names = await storage.CreateNamesAsync();

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => FunctionApp.StartAsync(AppSettings.For(names, ("Classifier:ModelDirectory", missing))));

        // Assert
        Assert.Contains("Classifier:ModelDirectory", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [SkippableFact]
    public async Task Model_whose_labels_do_not_match_makes_classify_and_health_answer_503_naming_labels_txt()
    {
        // Arrange
        var broken = Directory.CreateTempSubdirectory("mismatched-model-").FullName;
        File.Copy(Path.Combine(SharedData.ModelDirectory, "model.onnx"), Path.Combine(broken, "model.onnx"));
        await File.WriteAllLinesAsync(Path.Combine(broken, "labels.txt"), ["only", "three", "labels"]);
        var names = await storage.CreateNamesAsync();
        try
        {
            await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("Classifier:ModelDirectory", broken)));
            var classifyContext = await Requests.ContextAsync(app.Services, Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));

            // Act
            var classify = await FunctionResponse.ExecuteAsync(await app.Create<ClassifyFunction>().Run(classifyContext.Request, CancellationToken.None), classifyContext);
            var health = await HealthAfterWarmUpAsync(app);

            // Assert
            var classifyProblem = ProblemAssert.Is(classify, 503, "model_unavailable");
            Assert.Contains("labels.txt", classifyProblem.GetProperty("detail").GetString());
            var healthProblem = ProblemAssert.Is(health, 503, "model_unavailable");
            Assert.Contains("labels.txt", healthProblem.GetProperty("detail").GetString());
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    // Health says "warming_up" until the start-up load has finished failing; that takes milliseconds.
    private static async Task<FunctionResponse> HealthAfterWarmUpAsync(FunctionApp app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
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
