using System.Text.Json.Serialization;

namespace ImageClassifier.Results;

/// <summary>One predicted class: its label, its index in the model's output, and its softmax probability.</summary>
public sealed record LabelScore(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("probability")] float Probability);
