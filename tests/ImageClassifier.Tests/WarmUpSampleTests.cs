using ImageClassifier.Tests.Support;

namespace ImageClassifier.Tests;

/// <summary>
/// The warm-up runs the engine's sample image through the whole per-request path, so a new instance's first request
/// finds decode, preprocessing, inference and scoring ready; hosts can send the same sample through their front door.
/// </summary>
public sealed class WarmUpSampleTests
{
    [SkippableFact]
    public async Task Warm_up_labels_the_sample_so_the_same_request_afterwards_is_answered_from_the_cache()
    {
        SharedData.Require();
        using var engine = EngineFixture.Create(SharedData.ModelDirectory, o => o.CacheEntries = 16);

        await engine.WarmUpAsync();
        var again = await engine.ClassifyAsync(ClassifierEngine.WarmUpSample, top: 1);

        Assert.True(again.Cached);
        Assert.Equal("jpeg", again.Image.Format);
        Assert.Equal(64, again.Image.Width);
        Assert.Equal(48, again.Image.Height);
    }

    [SkippableFact]
    public async Task Warm_up_still_runs_the_model_once_when_the_sample_is_beyond_the_pixel_limit()
    {
        SharedData.Require();
        // 64 x 48 = 3072 pixels: a limit below that refuses the sample, and the first run falls back to zeros.
        using var engine = EngineFixture.Create(SharedData.ModelDirectory, o => o.MaxPixels = 1000);

        var report = await engine.WarmUpAsync();
        var sample = await engine.ClassifyBatchAsync([ClassifierEngine.WarmUpSample], top: 1);

        Assert.Equal(ModelReadiness.Ready, engine.Readiness);
        Assert.True(report.FirstRunMs > 0);
        Assert.Equal("too_many_pixels", sample[0].Rejection!.Value.Code);
    }
}
