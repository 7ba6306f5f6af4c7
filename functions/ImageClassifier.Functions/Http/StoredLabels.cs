using System.Text.Json.Serialization;
using ImageClassifier.Results;
using ImageClassifier.Storage;

namespace ImageClassifier.Functions.Http;

/// <summary>A stored label entity as <c>GET /api/labels/...</c> returns it.</summary>
public sealed record StoredLabels(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonPropertyName("container"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Container,
    [property: JsonPropertyName("blobName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BlobName,
    [property: JsonPropertyName("file"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? File,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StoredError? Error,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("labels")] IReadOnlyList<LabelScore> Labels,
    [property: JsonPropertyName("timings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StageTimings? Timings,
    [property: JsonPropertyName("contentSha256")] string? ContentSha256,
    [property: JsonPropertyName("length")] long Length,
    [property: JsonPropertyName("etag"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ETag,
    [property: JsonPropertyName("processedAt")] DateTimeOffset ProcessedAt)
{
    /// <summary>Maps a table entity to its API shape.</summary>
    public static StoredLabels From(LabelRecord record) => new(
        record.Source,
        record.Id,
        record.Container,
        record.BlobName,
        record.FileName,
        record.Status,
        record.ErrorCode is null ? null : new StoredError(record.ErrorCode, record.ErrorMessage ?? ""),
        record.Model,
        record.Labels(),
        record.TotalMs is null ? null : new StageTimings(record.DecodeMs ?? 0, record.PreprocessMs ?? 0, record.InferenceMs ?? 0, record.TotalMs.Value),
        record.ContentSha256,
        record.Length,
        record.BlobETag,
        record.ProcessedAt);
}

/// <summary>Why a stored image failed.</summary>
public sealed record StoredError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
