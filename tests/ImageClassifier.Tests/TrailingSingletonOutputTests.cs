using ImageClassifier.Errors;
using ImageClassifier.Tests.Support;
using SkiaSharp;

namespace ImageClassifier.Tests;

/// <summary>
/// A graph whose output is [1,512,1,1] and whose batch is fixed at one (the ResNet-18 featurizer): the trailing 1s are
/// squeezed to 512 classes, and a batch call falls back to one run per image.
/// </summary>
public class TrailingSingletonOutputTests(FeaturizerFixture fixture) : IClassFixture<FeaturizerFixture>
{
    [SkippableFact]
    public async Task Output_of_shape_1x512x1x1_is_read_as_512_classes_with_a_fixed_batch()
    {
        var engine = fixture.Engine;

        var description = await engine.DescribeModelAsync();

        Assert.Equal(FeaturizerModel.Features, description.Classes);
        Assert.False(description.DynamicBatch);
    }

    [SkippableFact]
    public async Task Classification_returns_five_of_the_placeholder_labels()
    {
        var engine = fixture.Engine;

        var result = await engine.ClassifyAsync(Photo(0));

        Assert.Equal(5, result.Labels.Count);
        Assert.All(result.Labels, l => Assert.Equal($"feature-{l.Index:D3}", l.Label));
        Assert.Equal(5, result.Labels.Select(l => l.Index).Distinct().Count());
        Assert.Equal(result.Labels.OrderByDescending(l => l.Probability), result.Labels);
    }

    [SkippableFact]
    public async Task Batch_on_a_fixed_batch_graph_runs_one_image_at_a_time_with_the_single_image_results()
    {
        var engine = fixture.Engine;
        ReadOnlyMemory<byte>[] images = [Photo(0), Photo(1), "not an image"u8.ToArray(), Photo(2)];
        var singles = new List<Results.ClassificationResult>();
        foreach (var image in new[] { images[0], images[1], images[3] })
        {
            singles.Add(await engine.ClassifyAsync(image));
        }

        var outcomes = await engine.ClassifyBatchAsync(images);

        Assert.Equal(4, outcomes.Count);
        Assert.Equal(ImageErrorCode.UnsupportedFormat, outcomes[2].Rejection?.Code);
        var batched = new[] { outcomes[0], outcomes[1], outcomes[3] };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(singles[i].Labels.Select(l => (l.Index, l.Probability)), batched[i].Result!.Labels.Select(l => (l.Index, l.Probability)));
        }

        // Distinct images score differently, so a batch that reused one image's slot for another would show.
        Assert.NotEqual(singles[0].Labels.Select(l => l.Probability), singles[1].Labels.Select(l => l.Probability));
        Assert.NotEqual(singles[1].Labels.Select(l => l.Probability), singles[2].Labels.Select(l => l.Probability));
    }

    [SkippableFact]
    public async Task Labels_txt_with_one_line_too_few_fails_naming_labels_txt()
    {
        var onnx = FeaturizerModel.Require();
        using var directory = new TempModelDirectory().WithModelFrom(onnx).WithLabels(FeaturizerModel.Labels(511));
        using var engine = EngineFixture.Create(directory.Path);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => engine.WarmUpAsync());

        Assert.Contains("labels.txt", error.Message);
        Assert.Contains("512", error.Message);
    }

    private static byte[] Photo(int variant)
    {
        using var bitmap = variant switch
        {
            0 => TestImages.Drawn(320, 240),
            1 => TestImages.Asymmetric(300, 260),
            _ => TestImages.Noise(240, 320, seed: 9),
        };
        return TestImages.Png(bitmap);
    }
}
