using System.Text.Json.Serialization;

namespace ImageClassifier.Models;

/// <summary>Which model produced a result: the model directory's name and the first 12 hex digits of the SHA-256 of <c>model.onnx</c>.</summary>
public sealed record ModelIdentity(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sha256")] string Sha256)
{
    /// <summary><c>name@sha256</c>, the form stored in tables and cache keys.</summary>
    public override string ToString() => $"{Name}@{Sha256}";
}
