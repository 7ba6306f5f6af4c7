using System.Text.Json.Serialization;
using ImageClassifier.Models;

namespace ImageClassifier.Results;

/// <summary>How long the model took to load and to answer its first (dummy) inference.</summary>
public sealed record WarmUpReport(
    [property: JsonPropertyName("model")] ModelIdentity Model,
    [property: JsonPropertyName("executionProvider")] string ExecutionProvider,
    [property: JsonPropertyName("loadMs")] double LoadMs,
    [property: JsonPropertyName("firstRunMs")] double FirstRunMs)
{
    /// <summary><c>original</c>, <c>published</c> (optimised at publish time) or <c>runtime-cache</c>.</summary>
    [JsonPropertyName("loadedFrom")]
    public string LoadedFrom { get; init; } = "original";

    /// <summary>True when concurrent requests share inference runs.</summary>
    [JsonPropertyName("microBatching")]
    public bool MicroBatching { get; init; }
}
