using System.Text.Json.Serialization;

namespace ImageClassifier.Results;

/// <summary>What the decoder found: the format and the size the header declares (before EXIF orientation).</summary>
public sealed record ImageDetails(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("orientation")] int Orientation);
