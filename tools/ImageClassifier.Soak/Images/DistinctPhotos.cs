using SkiaSharp;

namespace ImageClassifier.Soak.Images;

/// <summary>
/// Many different JPEG photos from a few: each copy carries its index as a row of black and white pixels, so every file
/// has its own bytes and no cache keyed by content can answer for it.
/// </summary>
internal static class DistinctPhotos
{
    public static IReadOnlyList<(string Name, byte[] Bytes)> Create(IReadOnlyList<string> photoPaths, int count)
    {
        var sources = photoPaths.Select(p => SKBitmap.Decode(p) ?? throw new InvalidOperationException($"{p} does not decode.")).ToArray();
        try
        {
            var photos = new List<(string, byte[])>(count);
            for (var i = 0; i < count; i++)
            {
                var source = sources[i % sources.Length];
                using var copy = source.Copy();
                for (var b = 0; b < 16; b++)
                {
                    var color = ((i >> b) & 1) == 1 ? SKColors.White : SKColors.Black;
                    for (var dy = 0; dy < 8; dy++)
                    {
                        for (var dx = 0; dx < 8; dx++)
                        {
                            copy.SetPixel(b * 8 + dx, dy, color);
                        }
                    }
                }

                using var image = SKImage.FromBitmap(copy);
                using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
                photos.Add(($"{i:D4}-{Path.GetFileNameWithoutExtension(photoPaths[i % photoPaths.Count])}.jpg", data.ToArray()));
            }

            return photos;
        }
        finally
        {
            foreach (var source in sources)
            {
                source.Dispose();
            }
        }
    }
}
