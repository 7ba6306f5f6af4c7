using ImageClassifier.Errors;
using ImageClassifier.Tests.Support;
using SkiaSharp;

namespace ImageClassifier.Tests;

/// <summary>
/// Loading a model directory into the engine: a broken directory stops it with a message that says what to fix, and
/// model.json's preprocessing reaches the tensor the model is fed.
/// </summary>
public class ModelLoadTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task Missing_model_directory_fails_with_a_message_naming_Classifier_ModelDirectory()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));
        using var engine = EngineFixture.Create(missing);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => engine.WarmUpAsync());

        Assert.Contains("Classifier:ModelDirectory", error.Message);
        Assert.False(engine.IsReady);
    }

    [Fact]
    public async Task Model_onnx_that_is_not_a_graph_fails_as_a_model_load_error()
    {
        using var directory = new TempModelDirectory().WithModelBytes("not a protobuf"u8.ToArray()).WithLabels(["a", "b"]);
        using var engine = EngineFixture.Create(directory.Path);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => engine.ClassifyAsync(new byte[] { 1 }));

        Assert.Contains("model.onnx", error.Message);
    }

    [Fact]
    public async Task Broken_labels_beside_a_broken_graph_are_reported_before_the_graph()
    {
        // The session load no longer waits for the directory to be read (the model's hash runs beside it); an error in
        // the directory's own files must still be the one reported, as it was when they were read first.
        using var directory = new TempModelDirectory().WithModelBytes("not a protobuf"u8.ToArray()).WithLabelsText("\n \n");
        using var engine = EngineFixture.Create(directory.Path);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => engine.WarmUpAsync());

        Assert.Contains("labels.txt", error.Message);
        Assert.Contains("has no labels", error.Message);
    }

    [SkippableTheory]
    [InlineData(999)]
    [InlineData(1001)]
    public async Task Labels_txt_with_the_wrong_number_of_lines_fails_naming_labels_txt(int lines)
    {
        var model = Path.Combine(SharedData.ModelDirectory, "model.onnx");
        using var directory = new TempModelDirectory().WithModelFrom(model).WithLabels(Enumerable.Range(0, lines).Select(i => $"class {i}"));
        using var engine = EngineFixture.Create(directory.Path);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => engine.WarmUpAsync());

        Assert.Contains("labels.txt", error.Message);
        Assert.Contains("1000", error.Message);
        Assert.Contains(lines.ToString(), error.Message);
    }

    [SkippableFact]
    public async Task Unknown_input_name_in_model_json_fails_naming_model_json_and_the_real_inputs()
    {
        using var directory = SharedModelWith("""{ "inputName": "pixels" }""");
        using var engine = EngineFixture.Create(directory.Path);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => engine.WarmUpAsync());

        Assert.Contains("model.json", error.Message);
        Assert.Contains("'pixels'", error.Message);
        Assert.Contains("input", error.Message); // PROVENANCE.md: the graph's input is named 'input'
    }

    [SkippableFact]
    public async Task Input_size_the_graph_cannot_take_fails_naming_inputSize()
    {
        using var directory = SharedModelWith("""{ "inputSize": 200, "resizeSize": 230 }""");
        using var engine = EngineFixture.Create(directory.Path);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => engine.WarmUpAsync());

        Assert.Contains("inputSize", error.Message);
    }

    [SkippableFact]
    public async Task Model_json_overrides_appear_in_the_model_description()
    {
        using var directory = SharedModelWith("""{ "inputName": "input", "channelOrder": "BGR", "mean": [0.1, 0.2, 0.3], "std": [0.4, 0.5, 0.6] }""");
        using var engine = EngineFixture.Create(directory.Path);

        var description = await engine.DescribeModelAsync();

        Assert.True(description.Spec.IsBgr);
        Assert.Equal([0.1f, 0.2f, 0.3f], description.Spec.Mean);
        Assert.Equal([0.4f, 0.5f, 0.6f], description.Spec.Std);
    }

    [SkippableFact]
    public async Task Bgr_channel_order_on_a_red_blue_swapped_photo_scores_like_rgb_on_the_original()
    {
        // With channelOrder BGR the engine puts the image's blue channel first. Feeding it the photo with red and blue
        // swapped must therefore give the model exactly what the default (RGB) engine gets from the original.
        var rgbEngine = fixture.Engine;
        using var directory = SharedModelWith("""{ "channelOrder": "BGR" }""");
        using var bgrEngine = EngineFixture.Create(directory.Path);
        using var original = TestImages.Load(SharedData.Image("coffee.png"));
        using var swapped = TestImages.SwapRedBlue(original);

        var expected = await rgbEngine.ClassifyAsync(TestImages.Png(original));
        var actual = await bgrEngine.ClassifyAsync(TestImages.Png(swapped));
        var unswapped = await bgrEngine.ClassifyAsync(TestImages.Png(original));

        AssertSameScores(expected, actual, tolerance: 1e-5);
        Assert.NotEqual(expected.Labels[0].Probability, unswapped.Labels[0].Probability);
    }

    [SkippableFact]
    public async Task Custom_mean_and_std_act_as_the_affine_change_of_pixel_values_they_encode()
    {
        // (v/255 - m') / s' with m' = (m - b/255) / a and s' = s / a equals (v'/255 - m) / s for v' = a*v + b.
        // a = 1/2, b = 64 and even pixel values keep v' whole, so the default engine can be fed v' exactly.
        const double a = 0.5, b = 64;
        double[] mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
        var json = $$"""
            {
              "mean": [{{string.Join(", ", mean.Select(m => ((m - (b / 255)) / a).ToString("R")))}}],
              "std": [{{string.Join(", ", std.Select(s => (s / a).ToString("R")))}}]
            }
            """;
        var defaultEngine = fixture.Engine;
        using var directory = SharedModelWith(json);
        using var customEngine = EngineFixture.Create(directory.Path);
        using var photo = TestImages.Load(SharedData.Image("chelsea.png"));
        using var even = TestImages.Create(photo.Width, photo.Height, (x, y) => Map(photo.GetPixel(x, y), v => v & ~1));
        using var mapped = TestImages.Create(photo.Width, photo.Height, (x, y) => Map(even.GetPixel(x, y), v => (int)((a * v) + b)));

        var expected = await defaultEngine.ClassifyAsync(TestImages.Png(mapped), top: 1000);
        var actual = await customEngine.ClassifyAsync(TestImages.Png(even), top: 1000);

        // The two tensors agree to about 1e-6, but the int8 graph quantises its activations per run, which can turn
        // that into a percent or so of probability. What the override is compared with: the same image, unaltered, seen
        // with the default normalisation, i.e. what ignoring model.json would give.
        var ignored = await defaultEngine.ClassifyAsync(TestImages.Png(even), top: 1000);
        Assert.Equal(expected.Labels[0].Index, actual.Labels[0].Index);
        var toExpected = MaxProbabilityGap(expected, actual);
        var toIgnored = MaxProbabilityGap(expected, ignored);
        Assert.True(toExpected < 0.03, $"largest probability gap {toExpected}");
        Assert.True(toIgnored > 5 * toExpected, $"largest gap when model.json is ignored {toIgnored}, with it {toExpected}");
    }

    private static double MaxProbabilityGap(Results.ClassificationResult a, Results.ClassificationResult b)
    {
        var byIndex = b.Labels.ToDictionary(l => l.Index, l => l.Probability);
        return a.Labels.Max(l => Math.Abs(l.Probability - byIndex[l.Index]));
    }

    private static SKColor Map(SKColor c, Func<int, int> f) => new((byte)f(c.Red), (byte)f(c.Green), (byte)f(c.Blue));

    private static void AssertSameScores(Results.ClassificationResult expected, Results.ClassificationResult actual, double tolerance)
    {
        Assert.Equal(expected.Labels.Select(l => l.Index), actual.Labels.Select(l => l.Index));
        for (var i = 0; i < expected.Labels.Count; i++)
        {
            Assert.Equal(expected.Labels[i].Probability, actual.Labels[i].Probability, tolerance);
        }
    }

    // The shared model and labels with a model.json; the paths are resolved (or the test skipped) before anything is created.
    private static TempModelDirectory SharedModelWith(string json)
    {
        var model = Path.Combine(SharedData.ModelDirectory, "model.onnx");
        var labels = File.ReadAllLines(Path.Combine(SharedData.ModelDirectory, "labels.txt"));
        return new TempModelDirectory().WithModelFrom(model).WithLabels(labels).WithSpec(json);
    }
}
