using ImageClassifier.Soak.Hostile;
using ImageClassifier.Soak.Images;

namespace ImageClassifier.Soak;

/// <summary>
/// The files a run sends, made at the start from the test photos: a 640x427 JPEG, a truncated JPEG, a noise PNG one
/// byte under the upload limit and a multipart body of 16 of them, the GIF bomb, and one distinct JPEG per blob.
/// </summary>
internal sealed record SoakInputs(byte[] Photo, byte[] TruncatedJpeg, byte[] Noise, byte[] MultipartNoise, byte[] GifBomb, IReadOnlyList<(string Name, byte[] Bytes)> Photos)
{
    /// <summary>Files in the multipart upload: the most one request may carry.</summary>
    public const int MultipartFiles = 16;

    public static SoakInputs Create(string imagesDirectory, SoakSettings settings)
    {
        var pngs = Directory.GetFiles(imagesDirectory, "*.png").Order(StringComparer.Ordinal).ToList();
        if (pngs.Count == 0)
        {
            throw new InvalidOperationException($"No PNG photos in {imagesDirectory}: pass --images DIR (for example ../shared/testdata/images).");
        }

        var photo = CraftedImages.JpegOf(File.ReadAllBytes(pngs.FirstOrDefault(p => p.EndsWith("chelsea.png", StringComparison.Ordinal)) ?? pngs[0]), 640, 427);
        var truncatedPath = Path.Combine(imagesDirectory, "truncated.jpg");
        var truncated = File.Exists(truncatedPath) ? File.ReadAllBytes(truncatedPath) : photo[..400];
        var noise = NoisePng.Create(settings.MaxImageBytes - 1);
        var photos = DistinctPhotos.Create(pngs, settings.Blobs);
        // Each file its own noise, so no cache keyed by content decodes one for all.
        var multipart = Bodies.MultipartBytes(Enumerable.Range(0, MultipartFiles).Select(i => ($"noise{i}.png", i == 0 ? noise : NoisePng.Create(settings.MaxImageBytes - 1, seed: i + 1), "image/png")));
        return new SoakInputs(photo, truncated, noise, multipart, CraftedImages.GifBomb(), photos);
    }
}
