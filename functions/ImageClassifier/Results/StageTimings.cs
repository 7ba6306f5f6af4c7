using System.Text.Json.Serialization;

namespace ImageClassifier.Results;

/// <summary>Milliseconds spent in each stage of one classification. For a batched run, inference is the whole run's time.</summary>
public sealed record StageTimings(
    [property: JsonPropertyName("decodeMs")] double DecodeMs,
    [property: JsonPropertyName("preprocessMs")] double PreprocessMs,
    [property: JsonPropertyName("inferenceMs")] double InferenceMs,
    [property: JsonPropertyName("totalMs")] double TotalMs);
