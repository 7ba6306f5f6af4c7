using ImageClassifier.Tests.Support;

namespace ImageClassifier.Tests;

/// <summary>How long a caller waits for the model: up to Classifier:WarmUpWait, then it hears that the model is still warming up.</summary>
public sealed class WarmUpWaitTests
{
    [SkippableFact]
    public async Task Waiting_for_readiness_starts_the_warm_up_and_returns_ready_once_the_model_answers()
    {
        SharedData.Require();
        using var engine = EngineFixture.Create(SharedData.ModelDirectory);

        var readiness = await engine.WaitUntilReadyAsync();

        Assert.Equal(ModelReadiness.Ready, readiness);
        Assert.NotNull(engine.WarmUp);
    }

    [SkippableFact]
    public async Task Readiness_past_the_wait_is_warming_up_and_the_load_goes_on()
    {
        SharedData.Require();
        using var engine = EngineFixture.Create(SharedData.ModelDirectory, o => o.WarmUpWait = TimeSpan.Zero);

        var readiness = await engine.WaitUntilReadyAsync();
        var report = await engine.WarmUpAsync();

        Assert.Equal(ModelReadiness.WarmingUp, readiness);
        Assert.Equal(ModelReadiness.Ready, engine.Readiness);
        Assert.NotNull(report);
    }

    [Fact]
    public async Task Readiness_of_a_model_that_cannot_load_is_unavailable_without_throwing()
    {
        using var model = new TempModelDirectory();
        await File.WriteAllTextAsync(model.File("model.onnx"), "not a graph");
        await File.WriteAllLinesAsync(model.File("labels.txt"), ["a", "b"]);
        using var engine = EngineFixture.Create(model.Path);

        var readiness = await engine.WaitUntilReadyAsync();

        Assert.Equal(ModelReadiness.Unavailable, readiness);
        Assert.Equal(ModelReadiness.Unavailable, engine.Readiness);
    }
}
