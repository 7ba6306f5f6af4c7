namespace ImageClassifier.Errors;

/// <summary>Stable, machine-readable codes for input the engine refuses. They appear in HTTP problem bodies, table rows and CLI output, so never rename one.</summary>
public static class ImageErrorCode
{
    /// <summary>The input had no bytes.</summary>
    public const string EmptyInput = "empty_input";

    /// <summary>The bytes are not an image, or an image format the engine does not decode (TIFF, HEIC, SVG, ...).</summary>
    public const string UnsupportedFormat = "unsupported_format";

    /// <summary>The bytes start like a supported image but cannot be decoded (truncated, damaged).</summary>
    public const string CorruptImage = "corrupt_image";

    /// <summary>The encoded input is larger than the configured byte limit.</summary>
    public const string TooManyBytes = "image_too_large";

    /// <summary>The header declares more pixels than the configured limit (decompression-bomb guard).</summary>
    public const string TooManyPixels = "too_many_pixels";
}
