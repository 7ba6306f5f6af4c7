using ImageClassifier.Functions.Triggers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// A missing model directory stops start-up naming the setting; a model directory that fails to load (labels that do
/// not match the graph, a damaged graph) leaves the host up, and classification and health answer 503
/// <c>model_unavailable</c> with a generic message: the reason, which names server paths, goes to the log once.
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

    [SkippableTheory]
    [InlineData("labels that do not match the graph")]
    [InlineData("a model.onnx that is not a graph")]
    public async Task Broken_model_makes_classify_and_health_answer_503_without_paths_or_runtime_detail(string damage)
    {
        // Arrange
        var broken = BrokenModelDirectory(damage);
        var names = await storage.CreateNamesAsync();
        using var logs = new RecordingLoggerProvider();
        try
        {
            await using var app = await FunctionApp.StartAsync(AppSettings.For(names, ("Classifier:ModelDirectory", broken)), logs);
            var classifyContext = await Requests.ContextAsync(app.Services, Requests.Image(SharedData.ImageBytes("coffee.png"), "image/png"));

            // Act
            var classify = await FunctionResponse.ExecuteAsync(await app.Create<ClassifyFunction>().Run(classifyContext.Request, CancellationToken.None), classifyContext);
            var health = await HealthAfterWarmUpAsync(app);

            // Assert: a stable code and a generic message for clients; the reason, with the path, logged once.
            foreach (var response in new[] { classify, health })
            {
                ProblemAssert.Is(response, 503, "model_unavailable");
                Assert.DoesNotContain(broken, response.Body);
                Assert.DoesNotContain("model.onnx", response.Body);
                Assert.DoesNotContain("labels.txt", response.Body);
                Assert.DoesNotContain("ErrorCode", response.Body);
            }

            var failures = logs.Entries.Where(e => e.Level >= LogLevel.Error).ToArray();
            var failure = Assert.Single(failures);
            Assert.Contains(broken, failure.Exception?.Message);
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    private static string BrokenModelDirectory(string damage)
    {
        var broken = Directory.CreateTempSubdirectory("broken-model-").FullName;
        if (damage == "labels that do not match the graph")
        {
            File.Copy(Path.Combine(SharedData.ModelDirectory, "model.onnx"), Path.Combine(broken, "model.onnx"));
            File.WriteAllLines(Path.Combine(broken, "labels.txt"), ["only", "three", "labels"]);
        }
        else
        {
            File.WriteAllText(Path.Combine(broken, "model.onnx"), "a download cut short: not a protobuf");
            File.Copy(Path.Combine(SharedData.ModelDirectory, "labels.txt"), Path.Combine(broken, "labels.txt"));
        }

        return broken;
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
