using System.Security.Cryptography;
using ImageClassifier.Soak.Images;
using SkiaSharp;

namespace ImageClassifier.Soak.Tests;

public sealed class CraftedImagesTests
{
    [Fact]
    public void The_gif_bomb_is_68_bytes_and_declares_6000_by_6600()
    {
        var gif = CraftedImages.GifBomb();
        using var codec = SKCodec.Create(new MemoryStream(gif));

        Assert.Equal(68, gif.Length);
        Assert.Equal(SKEncodedImageFormat.Gif, codec.EncodedFormat);
        Assert.Equal((6000, 6600), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public void The_lying_jpeg_declares_7000_by_5700_over_the_photos_data()
    {
        var photo = Photo(640, 427);

        var lying = CraftedImages.JpegDeclaring(photo, 7000, 5700);
        using var codec = SKCodec.Create(new MemoryStream(lying));

        Assert.Equal(photo.Length, lying.Length);
        Assert.Equal((7000, 5700), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public void The_noise_png_is_exactly_the_size_asked_for_and_decodes()
    {
        const long Size = 3 * 1024 * 1024 - 1;

        var png = NoisePng.Create(Size);
        using var bitmap = SKBitmap.Decode(png);

        Assert.Equal(Size, png.Length);
        Assert.NotNull(bitmap);
        Assert.Equal(2048, bitmap.Width);
        Assert.True(bitmap.Height * 2048L * 3 > Size * 0.99, "noise should not compress: pixels about as large as the file");
    }

    [Fact]
    public void Distinct_photos_each_have_their_own_bytes()
    {
        var folder = Directory.CreateTempSubdirectory("soak-photos-");
        try
        {
            var source = Path.Combine(folder.FullName, "source.png");
            using (var bitmap = new SKBitmap(200, 120))
            {
                bitmap.Erase(SKColors.SeaGreen);
                using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(source, data.ToArray());
            }

            var photos = DistinctPhotos.Create([source], 40);

            Assert.Equal(40, photos.Select(p => Convert.ToHexString(SHA256.HashData(p.Bytes))).Distinct().Count());
            Assert.Equal(40, photos.Select(p => p.Name).Distinct().Count());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Orange);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
