using ImageClassifier.Tests.Support;

namespace ImageClassifier.Tests;

/// <summary>
/// The whole pipeline on the shared MobileNetV2 and the shared photos, whose expected labels come from
/// shared/testdata/images/SOURCES.md and the model's PROVENANCE.md.
/// </summary>
public class RealModelTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly string[] CatLabels = ["tabby", "tiger cat", "Egyptian cat"];

    [SkippableFact]
    public async Task Cat_photo_is_labelled_as_a_cat_breed()
    {
        var engine = fixture.Engine;
        var image = await File.ReadAllBytesAsync(SharedData.Image("chelsea.png"));

        var result = await engine.ClassifyAsync(image);

        Assert.Contains(result.Labels[0].Label, CatLabels);
        Assert.Equal(CatLabels.Order(), result.Labels.Take(3).Select(l => l.Label).Order());
    }

    [SkippableFact]
    public async Task Coffee_photo_is_labelled_espresso()
    {
        var engine = fixture.Engine;
        var image = await File.ReadAllBytesAsync(SharedData.Image("coffee.png"));

        var result = await engine.ClassifyAsync(image);

        Assert.Equal("espresso", result.Labels[0].Label);
    }

    [SkippableFact]
    public async Task Camera_photo_has_tripod_in_the_top_three()
    {
        var engine = fixture.Engine;
        var image = await File.ReadAllBytesAsync(SharedData.Image("camera.png"));

        var result = await engine.ClassifyAsync(image);

        Assert.Contains("tripod", result.Labels.Take(3).Select(l => l.Label));
    }

    [SkippableTheory]
    [InlineData("chelsea.png")]
    [InlineData("coffee.png")]
    [InlineData("camera.png")]
    public async Task Same_photo_as_png_and_as_quality_95_jpeg_gets_the_same_top_label(string name)
    {
        var engine = fixture.Engine;
        var png = await File.ReadAllBytesAsync(SharedData.Image(name));
        using var bitmap = TestImages.Load(SharedData.Image(name));
        var jpeg = TestImages.Jpeg(bitmap, 95);

        var fromPng = await engine.ClassifyAsync(png);
        var fromJpeg = await engine.ClassifyAsync(jpeg);

        Assert.Equal("jpeg", fromJpeg.Image.Format);
        Assert.Equal(fromPng.Labels[0].Label, fromJpeg.Labels[0].Label);
    }

    [SkippableFact]
    public async Task Labels_carry_their_index_in_labels_txt_and_softmax_probabilities()
    {
        var engine = fixture.Engine;
        var labels = await File.ReadAllLinesAsync(Path.Combine(SharedData.ModelDirectory, "labels.txt"));
        var image = await File.ReadAllBytesAsync(SharedData.Image("coffee.png"));

        var result = await engine.ClassifyAsync(image, top: 1000);

        Assert.Equal(1000, result.Labels.Count);
        Assert.All(result.Labels, l => Assert.Equal(labels[l.Index], l.Label));
        Assert.Equal(1000, result.Labels.Select(l => l.Index).Distinct().Count());
        Assert.Equal(1.0, result.Labels.Sum(l => (double)l.Probability), 1e-3);
        Assert.Equal(result.Labels.OrderByDescending(l => l.Probability), result.Labels);
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task Top_parameter_sets_the_number_of_labels(int top)
    {
        var engine = fixture.Engine;
        var image = await File.ReadAllBytesAsync(SharedData.Image("chelsea.png"));

        var result = await engine.ClassifyAsync(image, top);

        Assert.Equal(top, result.Labels.Count);
    }

    [SkippableFact]
    public async Task Default_label_count_is_five()
    {
        var engine = fixture.Engine;
        var image = await File.ReadAllBytesAsync(SharedData.Image("chelsea.png"));

        var result = await engine.ClassifyAsync(image);

        Assert.Equal(5, engine.DefaultTop);
        Assert.Equal(5, result.Labels.Count);
    }

    [SkippableFact]
    public async Task Result_describes_the_image_and_names_the_model_by_directory_and_hash()
    {
        // The hash prefix is the one PROVENANCE.md gives for model.onnx.
        var engine = fixture.Engine;
        var image = await File.ReadAllBytesAsync(SharedData.Image("chelsea.png"));

        var result = await engine.ClassifyAsync(image);

        Assert.Equal(("png", 451, 300, 1), (result.Image.Format, result.Image.Width, result.Image.Height, result.Image.Orientation));
        Assert.Equal("mobilenetv2-int8", result.Model.Name);
        Assert.Equal("2acf96dfb009", result.Model.Sha256);
        Assert.True(result.Timings.TotalMs >= result.Timings.InferenceMs);
    }

    [SkippableFact]
    public async Task Model_description_reports_1000_classes_with_a_dynamic_batch()
    {
        var engine = fixture.Engine;

        var description = await engine.DescribeModelAsync();

        Assert.Equal(1000, description.Classes);
        Assert.True(description.DynamicBatch);
        Assert.Equal(ExecutionProvider.Cpu, description.ExecutionProvider);
        Assert.Equal(224, description.Spec.InputSize);
    }

    [SkippableFact]
    public async Task Warm_up_makes_the_engine_ready_and_reports_the_model()
    {
        var engine = fixture.Engine;

        var report = await engine.WarmUpAsync();

        Assert.True(engine.IsReady);
        Assert.Same(report, engine.WarmUp);
        Assert.Equal("mobilenetv2-int8", report.Model.Name);
    }

    [SkippableFact]
    public async Task Batch_of_the_three_photos_gives_each_its_own_top_label()
    {
        var engine = fixture.Engine;
        var names = new[] { "chelsea.png", "coffee.png", "camera.png" };
        var images = new List<ReadOnlyMemory<byte>>();
        foreach (var name in names)
        {
            images.Add(await File.ReadAllBytesAsync(SharedData.Image(name)));
        }

        var outcomes = await engine.ClassifyBatchAsync(images);

        Assert.Contains(outcomes[0].Result!.Labels[0].Label, CatLabels);
        Assert.Equal("espresso", outcomes[1].Result!.Labels[0].Label);
        Assert.Contains("tripod", outcomes[2].Result!.Labels.Take(3).Select(l => l.Label));
    }
}
