using System.Text.Json.Serialization;
using ImageClassifier.Models;

namespace ImageClassifier.Results;

/// <summary>How long the model took to load and to answer its first (dummy) inference.</summary>
public sealed record WarmUpReport(
    [property: JsonPropertyName("model")] ModelIdentity Model,
    [property: JsonPropertyName("executionProvider")] string ExecutionProvider,
    [property: JsonPropertyName("loadMs")] double LoadMs,
    [property: JsonPropertyName("firstRunMs")] double FirstRunMs);
