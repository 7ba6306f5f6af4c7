using System.Diagnostics;
using ImageClassifier.Errors;
using ImageClassifier.Tests.Support;

namespace ImageClassifier.Tests;

/// <summary>
/// The input corpus (<see cref="InputCorpus"/>): every supported case is labelled, every broken or unsupported one is
/// refused with its own code, and nothing crashes the process or allocates what a forged header claims.
/// </summary>
public class BadInputCorpusTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    public static TheoryData<string> Rejected => InputCorpus.Names(rejected: true);

    public static TheoryData<string> Supported => InputCorpus.Names(rejected: false);

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Broken_or_unsupported_input_is_rejected_by_the_decoder_with_its_code(string name)
    {
        var corpusCase = InputCorpus.Named(name);
        var bytes = corpusCase.Make();

        var error = Assert.Throws<ImageRejectedException>(() => Pipeline.Decode(bytes).Dispose());

        Assert.Equal(corpusCase.RejectedWith, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void Supported_input_decodes_to_a_finite_tensor(string name)
    {
        var corpusCase = InputCorpus.Named(name);
        var bytes = corpusCase.Make();

        var tensor = Pipeline.Tensor(bytes);

        Assert.All(tensor, v => Assert.True(float.IsFinite(v)));
        Assert.All(tensor, v => Assert.InRange(v, Pipeline.Normalised(0, 0) - 0.01, Pipeline.Normalised(255, 2) + 0.01));
    }

    [SkippableTheory]
    [MemberData(nameof(Supported))]
    public async Task Supported_input_is_labelled(string name)
    {
        var engine = fixture.Engine;
        var corpusCase = InputCorpus.Named(name);
        var bytes = corpusCase.Make();

        var result = await engine.ClassifyAsync(bytes);

        Assert.Equal(5, result.Labels.Count);
        Assert.Equal(corpusCase.Format, result.Image.Format);
        Assert.All(result.Labels, l => Assert.InRange(l.Probability, 0f, 1f));
        Assert.Equal(result.Labels.OrderByDescending(l => l.Probability), result.Labels);
    }

    [SkippableTheory]
    [MemberData(nameof(Rejected))]
    public async Task Broken_or_unsupported_input_is_rejected_by_the_engine_with_its_code(string name)
    {
        var engine = fixture.Engine;
        var corpusCase = InputCorpus.Named(name);
        var bytes = corpusCase.Make();

        var error = await Assert.ThrowsAsync<ImageRejectedException>(() => engine.ClassifyAsync(bytes));

        Assert.Equal(corpusCase.RejectedWith, error.Code);
    }

    [SkippableFact]
    public async Task A_batch_mixing_good_and_bad_images_labels_the_good_ones_and_reports_each_rejection()
    {
        var engine = fixture.Engine;
        var cases = InputCorpus.All.Where(c => c.Name != "12-megapixel jpeg").ToArray();
        var images = cases.Select(c => (ReadOnlyMemory<byte>)c.Make()).ToArray();

        var outcomes = await engine.ClassifyBatchAsync(images);

        Assert.Equal(cases.Length, outcomes.Count);
        for (var i = 0; i < cases.Length; i++)
        {
            if (cases[i].RejectedWith is { } code)
            {
                Assert.False(outcomes[i].Succeeded, cases[i].Name);
                Assert.Equal(code, outcomes[i].Rejection?.Code);
            }
            else
            {
                Assert.True(outcomes[i].Succeeded, cases[i].Name);
                Assert.Equal(cases[i].Format, outcomes[i].Result!.Image.Format);
            }
        }
    }

    [Theory]
    [InlineData("png header claiming 100000x100000")]
    [InlineData("jpeg header claiming 60000x60000")]
    [InlineData("gif screen claiming 65535x65535")]
    public void Header_claiming_billions_of_pixels_is_refused_without_allocating_for_them(string name)
    {
        // 100000 x 100000 RGBA would be 40 GB. Refusing it must cost what reading a header costs: well under a megabyte
        // of managed memory. Were the engine to ask for the native buffer, the allocation would fail with
        // OutOfMemoryException (or worse, succeed and be filled), not the typed rejection asserted here. The time bound
        // only guards against a hang.
        var bytes = InputCorpus.Named(name).Make();
        Pipeline.Limits.CheckBytes(bytes.Length); // warm up the code paths outside the measurement
        var stopwatch = Stopwatch.StartNew();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var error = Record.Exception(() => Pipeline.Decode(bytes).Dispose());

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        stopwatch.Stop();
        var rejection = Assert.IsType<ImageRejectedException>(error);
        Assert.Equal(ImageErrorCode.TooManyPixels, rejection.Code);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated:N0} bytes");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
    }

    [SkippableFact]
    public async Task Shared_truncated_jpeg_is_rejected_as_corrupt()
    {
        var engine = fixture.Engine;
        var bytes = await File.ReadAllBytesAsync(SharedData.Image("truncated.jpg"));

        var error = await Assert.ThrowsAsync<ImageRejectedException>(() => engine.ClassifyAsync(bytes));

        Assert.Equal(ImageErrorCode.CorruptImage, error.Code);
        Assert.Contains("truncated", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableTheory]
    [InlineData(1, 8)] // stored turned 90 degrees clockwise; tag 8 turns it back
    [InlineData(2, 3)] // stored upside down; tag 3 turns it back
    public async Task Exif_rotated_photo_is_labelled_upright_only_because_the_rotation_is_applied(int quarterTurns, int orientation)
    {
        // camera.png (a tripod) is one the model no longer recognises when shown sideways or upside down, so the label
        // itself depends on the tag being honoured.
        var engine = fixture.Engine;
        using var upright = TestImages.Load(SharedData.Image("camera.png"));
        using var stored = TestImages.RotateClockwise(upright, quarterTurns);
        var untagged = TestImages.Jpeg(stored, 95);
        var tagged = JpegBytes.WithExifOrientation(untagged, orientation);

        var result = await engine.ClassifyAsync(tagged);
        var ignoringOrientation = await engine.ClassifyAsync(untagged);

        Assert.Equal("tripod", result.Labels[0].Label);
        Assert.Equal(orientation, result.Image.Orientation);
        Assert.NotEqual("tripod", ignoringOrientation.Labels[0].Label);
    }

    [SkippableFact]
    public void Exif_rotated_photo_gives_nearly_the_tensor_of_the_upright_photo()
    {
        SharedData.Require();
        using var upright = TestImages.Load(SharedData.Image("camera.png"));
        using var stored = TestImages.RotateClockwise(upright, 1);
        var untagged = TestImages.Jpeg(stored, 95);

        var tagged = Pipeline.Tensor(JpegBytes.WithExifOrientation(untagged, 8));

        // The upright reference went through its own JPEG encoding, so only JPEG noise may separate the two.
        var reference = Pipeline.Tensor(TestImages.Jpeg(upright, 95));
        var ignored = Pipeline.Tensor(untagged);
        var toReference = Pipeline.MeanAbsDifference(reference, tagged);
        var toIgnored = Pipeline.MeanAbsDifference(reference, ignored);
        Assert.True(toReference < 0.02, $"mean difference to the upright tensor {toReference}");
        Assert.True(toIgnored > 10 * toReference, $"mean difference when the tag is ignored {toIgnored}, with it {toReference}");
    }
}
