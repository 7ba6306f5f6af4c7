using System.Text.Json.Serialization;
using ImageClassifier.Models;

namespace ImageClassifier.Results;

/// <summary>The top labels of one image, with the model that gave them and the time each stage took.</summary>
public sealed record ClassificationResult(
    [property: JsonPropertyName("labels")] IReadOnlyList<LabelScore> Labels,
    [property: JsonPropertyName("model")] ModelIdentity Model,
    [property: JsonPropertyName("timings")] StageTimings Timings,
    [property: JsonPropertyName("image")] ImageDetails Image)
{
    /// <summary>SHA-256 of the image bytes, lowercase hex.</summary>
    [JsonIgnore]
    public string? ContentSha256 { get; init; }

    /// <summary>Encoded size of the image in bytes.</summary>
    [JsonIgnore]
    public long Length { get; init; }

    /// <summary>True when the labels came from the cache of repeated images rather than a new inference.</summary>
    [JsonPropertyName("cached")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Cached { get; init; }
}
