using System.Text.Json;
using System.Text.Json.Serialization;
using ImageClassifier.Errors;

namespace ImageClassifier.Models;

/// <summary>
/// How a model wants its input: the torchvision ImageNet eval transform unless <c>model.json</c> says otherwise.
/// </summary>
public sealed record PreprocessSpec
{
    /// <summary>torchvision's ImageNet defaults.</summary>
    public static PreprocessSpec ImageNetDefault { get; } = new();

    /// <summary>Input tensor name; null means the model's first input.</summary>
    [JsonPropertyName("inputName")]
    public string? InputName { get; init; }

    /// <summary>Side of the square centre crop fed to the model.</summary>
    [JsonPropertyName("inputSize")]
    public int InputSize { get; init; } = 224;

    /// <summary>The shorter side is resized to this before the crop.</summary>
    [JsonPropertyName("resizeSize")]
    public int ResizeSize { get; init; } = 256;

    /// <summary>Per-channel mean, in the model's channel order, after scaling.</summary>
    [JsonPropertyName("mean")]
    public float[] Mean { get; init; } = [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel standard deviation, in the model's channel order, after scaling.</summary>
    [JsonPropertyName("std")]
    public float[] Std { get; init; } = [0.229f, 0.224f, 0.225f];

    /// <summary><c>RGB</c> or <c>BGR</c>.</summary>
    [JsonPropertyName("channelOrder")]
    public string ChannelOrder { get; init; } = "RGB";

    /// <summary>Factor applied to 0-255 pixel values before normalisation (1/255 gives [0,1]).</summary>
    [JsonPropertyName("scale")]
    public float Scale { get; init; } = 1f / 255f;

    /// <summary>True when the model expects blue first.</summary>
    [JsonIgnore]
    public bool IsBgr => string.Equals(ChannelOrder, "BGR", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and validates <c>model.json</c>; a missing file gives the defaults.</summary>
    public static PreprocessSpec Load(string path)
    {
        if (!File.Exists(path))
        {
            return ImageNetDefault;
        }

        PreprocessSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<PreprocessSpec>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{path} is not valid JSON: {ex.Message}", ex);
        }

        if (spec is null)
        {
            throw new ModelLoadException($"{path} is empty; delete it to use the ImageNet defaults.");
        }

        spec.Validate(path);
        return spec;
    }

    private void Validate(string path)
    {
        if (InputSize is < 1 or > 4096)
        {
            throw new ModelLoadException($"{path}: inputSize must be between 1 and 4096, not {InputSize}.");
        }

        if (ResizeSize < InputSize)
        {
            throw new ModelLoadException($"{path}: resizeSize ({ResizeSize}) must be at least inputSize ({InputSize}).");
        }

        // JSON null deserialises to a null array despite the non-nullable type.
        if (Mean is not { Length: 3 } || Std is not { Length: 3 })
        {
            throw new ModelLoadException($"{path}: mean and std need exactly three values each.");
        }

        if (Std.Any(s => s <= 0 || !float.IsFinite(s)))
        {
            throw new ModelLoadException($"{path}: every std value must be a positive number.");
        }

        if (!string.Equals(ChannelOrder, "RGB", StringComparison.OrdinalIgnoreCase) && !IsBgr)
        {
            throw new ModelLoadException($"{path}: channelOrder must be \"RGB\" or \"BGR\", not \"{ChannelOrder}\".");
        }

        if (!(Scale > 0) || !float.IsFinite(Scale))
        {
            throw new ModelLoadException($"{path}: scale must be a positive number.");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
