using SkiaSharp;

namespace ImageClassifier.Imaging;

/// <summary>Maps displayed (EXIF-oriented) pixel coordinates back to stored ones, so orientation costs no extra image copy.</summary>
internal static class Orientation
{
    /// <summary>True when the displayed image has width and height swapped relative to the stored one.</summary>
    public static bool Transposes(SKEncodedOrigin origin) => origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The stored pixel shown at displayed position (x, y), for a stored image of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static (int X, int Y) ToStored(SKEncodedOrigin origin, int x, int y, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => (width - 1 - x, y),
        SKEncodedOrigin.BottomRight => (width - 1 - x, height - 1 - y),
        SKEncodedOrigin.BottomLeft => (x, height - 1 - y),
        SKEncodedOrigin.LeftTop => (y, x),
        SKEncodedOrigin.RightTop => (y, height - 1 - x),
        SKEncodedOrigin.RightBottom => (width - 1 - y, height - 1 - x),
        SKEncodedOrigin.LeftBottom => (width - 1 - y, x),
        _ => (x, y),
    };
}
