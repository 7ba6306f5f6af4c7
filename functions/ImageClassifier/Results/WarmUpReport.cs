using System.Text.Json.Serialization;
using ImageClassifier.Models;

namespace ImageClassifier.Results;

/// <summary>How long the model took to load and to answer its first (dummy) inference.</summary>
public sealed record WarmUpReport(
    [property: JsonPropertyName("model")] ModelIdentity Model,
    [property: JsonPropertyName("executionProvider")] ExecutionProvider ExecutionProvider,
    [property: JsonPropertyName("loadMs")] double LoadMs,
    [property: JsonPropertyName("firstRunMs")] double FirstRunMs)
{
    /// <summary>Which copy of the graph was loaded.</summary>
    [JsonPropertyName("loadedFrom")]
    public ModelSource LoadedFrom { get; init; }

    /// <summary>True when concurrent requests share inference runs.</summary>
    [JsonPropertyName("microBatching")]
    public bool MicroBatching { get; init; }
}
