using System.Text.Json.Serialization;
using ImageClassifier.Models;
using ImageClassifier.Results;

namespace ImageClassifier.Functions.Http;

/// <summary>One item of a <c>POST /api/classify</c> answer: the labels of an image, or why that image was refused.</summary>
[JsonDerivedType(typeof(ClassifyResponse))]
[JsonDerivedType(typeof(ClassifyItemError))]
public abstract record ClassifyItem;

/// <summary>
/// The answer for one labelled image. <c>id</c> is present only when the result was stored (<c>GET /api/labels/{id}</c>
/// finds it); <c>timings.totalMs</c> is the engine's time for the image, the same figure the stored record keeps.
/// </summary>
public sealed record ClassifyResponse(
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonPropertyName("file"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File,
    [property: JsonPropertyName("model")] ModelIdentity Model,
    [property: JsonPropertyName("labels")] IReadOnlyList<LabelScore> Labels,
    [property: JsonPropertyName("timings")] StageTimings Timings,
    [property: JsonPropertyName("image")] ImageDetails Image,
    [property: JsonPropertyName("stored")] bool Stored) : ClassifyItem;

/// <summary>A file of a multipart request that could not be labelled, while others were.</summary>
public sealed record ClassifyItemError(
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("error")] ItemError Error) : ClassifyItem;

/// <summary>Code, HTTP status and message of one failed file.</summary>
public sealed record ItemError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("message")] string Message);
