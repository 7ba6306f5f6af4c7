using System.Text.Json.Serialization;
using ImageClassifier.Models;

namespace ImageClassifier.Results;

/// <summary>The top labels of one image, with the model that gave them and the time each stage took.</summary>
public sealed record ClassificationResult(
    [property: JsonPropertyName("labels")] IReadOnlyList<LabelScore> Labels,
    [property: JsonPropertyName("model")] ModelIdentity Model,
    [property: JsonPropertyName("timings")] StageTimings Timings,
    [property: JsonPropertyName("image")] ImageDetails Image);
