using System.Text.Json.Serialization;

namespace ImageClassifier.Models;

/// <summary>Which copy of the graph a session was created from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelSource>))]
public enum ModelSource
{
    /// <summary><c>model.onnx</c> itself, optimised while loading.</summary>
    [JsonStringEnumMemberName("original")]
    Original,

    /// <summary>The copy written at publish or image-build time into <c>.optimized/</c>.</summary>
    [JsonStringEnumMemberName("published")]
    Published,

    /// <summary>The fully optimised copy this machine wrote after an earlier start.</summary>
    [JsonStringEnumMemberName("runtime-cache")]
    RuntimeCache,
}
