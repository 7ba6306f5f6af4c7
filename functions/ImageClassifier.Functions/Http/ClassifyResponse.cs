using System.Text.Json.Serialization;
using ImageClassifier.Models;
using ImageClassifier.Results;

namespace ImageClassifier.Functions.Http;

/// <summary>The answer for one image of <c>POST /api/classify</c>.</summary>
public sealed record ClassifyResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("file"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File,
    [property: JsonPropertyName("model")] ModelIdentity Model,
    [property: JsonPropertyName("labels")] IReadOnlyList<LabelScore> Labels,
    [property: JsonPropertyName("timings")] StageTimings Timings,
    [property: JsonPropertyName("image")] ImageDetails Image,
    [property: JsonPropertyName("stored")] bool Stored);

/// <summary>A file of a multipart request that could not be labelled, while others were.</summary>
public sealed record ClassifyItemError(
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("error")] ItemError Error);

/// <summary>Code, HTTP status and message of one failed file.</summary>
public sealed record ItemError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("message")] string Message);
