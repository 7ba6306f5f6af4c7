using System.Security.Cryptography;
using ImageClassifier.Errors;
using ImageClassifier.Tests.Support;

namespace ImageClassifier.Tests;

/// <summary>
/// The repeat cache: identical bytes asked again with the same label count are answered without inference, first in,
/// first out beyond its capacity (two entries here). Runs on the featurizer graph, which needs no shared/ folder.
/// </summary>
public class ResultCacheTests(CachingFeaturizerFixture fixture) : IClassFixture<CachingFeaturizerFixture>
{
    [SkippableFact]
    public async Task Repeated_image_is_answered_from_the_cache_with_the_same_labels()
    {
        var engine = fixture.Engine;
        var image = Image(seed: 1);

        var first = await engine.ClassifyAsync(image);
        var second = await engine.ClassifyAsync(image);

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Image, second.Image);
    }

    [SkippableFact]
    public async Task Result_carries_the_sha256_of_the_image_bytes()
    {
        var engine = fixture.Engine;
        var image = Image(seed: 2);

        var result = await engine.ClassifyAsync(image);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(image)), result.ContentSha256);
    }

    [SkippableFact]
    public async Task Same_image_asked_for_another_label_count_is_computed_again()
    {
        var engine = fixture.Engine;
        var image = Image(seed: 3);

        await engine.ClassifyAsync(image, top: 3);
        var result = await engine.ClassifyAsync(image, top: 4);

        Assert.False(result.Cached);
        Assert.Equal(4, result.Labels.Count);
    }

    [SkippableFact]
    public async Task Oldest_entry_is_evicted_once_the_cache_is_full()
    {
        var engine = fixture.Engine;
        byte[] a = Image(seed: 4), b = Image(seed: 5), c = Image(seed: 6);
        foreach (var image in new[] { a, b, c })
        {
            await engine.ClassifyAsync(image);
        }

        var oldest = await engine.ClassifyAsync(a);
        var newest = await engine.ClassifyAsync(c);

        Assert.False(oldest.Cached);
        Assert.True(newest.Cached);
    }

    [SkippableFact]
    public async Task Rejected_image_is_rejected_again_rather_than_cached()
    {
        var engine = fixture.Engine;
        var bytes = TiffWriter.Gray8(8, 8);

        var first = await Assert.ThrowsAsync<ImageRejectedException>(() => engine.ClassifyAsync(bytes));
        var second = await Assert.ThrowsAsync<ImageRejectedException>(() => engine.ClassifyAsync(bytes));

        Assert.Equal(ImageErrorCode.UnsupportedFormat, first.Code);
        Assert.Equal(ImageErrorCode.UnsupportedFormat, second.Code);
    }

    [SkippableFact]
    public async Task Cache_of_zero_entries_computes_every_request()
    {
        var onnx = FeaturizerModel.Require();
        using var directory = new TempModelDirectory().WithModelFrom(onnx).WithLabels(FeaturizerModel.Labels());
        using var engine = EngineFixture.Create(directory.Path, o => o.CacheEntries = 0);
        var image = Image(seed: 7);

        await engine.ClassifyAsync(image);
        var again = await engine.ClassifyAsync(image);

        Assert.False(again.Cached);
    }

    private static byte[] Image(int seed)
    {
        using var bitmap = TestImages.Noise(96, 80, seed);
        return TestImages.Png(bitmap);
    }
}
