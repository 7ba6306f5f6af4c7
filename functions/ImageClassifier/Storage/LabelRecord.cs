using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using ImageClassifier.Results;

namespace ImageClassifier.Storage;

/// <summary>One labelled image in table <c>ImageLabels</c>: where it came from, what it was, and what the model said.</summary>
public sealed class LabelRecord : ITableEntity
{
    /// <summary>Status of an image that was labelled.</summary>
    public const string StatusOk = "ok";

    /// <summary>Status of an image that cannot be labelled (deterministic failure; not retried).</summary>
    public const string StatusFailed = "failed";

    /// <summary>
    /// A new record for one version of a blob, keyed by its container and name (so a blob never has more than one),
    /// processed now; the caller adds the result or the failure.
    /// </summary>
    public static LabelRecord ForBlob(string container, string blobName, string blobETag, long length)
    {
        var (partition, row) = TableKeys.ForBlob(container, blobName);
        return new LabelRecord
        {
            PartitionKey = partition,
            RowKey = row,
            Source = "blob",
            Container = container,
            BlobName = blobName,
            BlobETag = blobETag,
            Length = length,
            ProcessedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <inheritdoc />
    public string PartitionKey { get; set; } = "";

    /// <inheritdoc />
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    [JsonIgnore]
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    [JsonIgnore]
    public ETag ETag { get; set; }

    /// <summary><c>blob</c> or <c>http</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>Result id of an HTTP upload; empty for blobs.</summary>
    public string? Id { get; set; }

    /// <summary>Container of a blob.</summary>
    public string? Container { get; set; }

    /// <summary>Full blob name (the row key is its hash).</summary>
    public string? BlobName { get; set; }

    /// <summary>File name of an HTTP upload (multipart), when the client gave one.</summary>
    public string? FileName { get; set; }

    /// <summary>The blob's ETag when it was processed.</summary>
    public string? BlobETag { get; set; }

    /// <summary>SHA-256 of the image bytes, lowercase hex.</summary>
    public string? ContentSha256 { get; set; }

    /// <summary>Encoded size in bytes.</summary>
    public long Length { get; set; }

    /// <summary>Model identity, <c>name@sha256prefix</c>.</summary>
    public string? Model { get; set; }

    /// <summary><see cref="StatusOk"/> or <see cref="StatusFailed"/>.</summary>
    public string Status { get; set; } = StatusOk;

    /// <summary>Error code when failed.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Error message when failed.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>Top label, for queries.</summary>
    public string? TopLabel { get; set; }

    /// <summary>Top probability, for queries.</summary>
    public double? TopProbability { get; set; }

    /// <summary>All returned labels as JSON.</summary>
    public string? LabelsJson { get; set; }

    /// <summary>Decode milliseconds.</summary>
    public double? DecodeMs { get; set; }

    /// <summary>Preprocess milliseconds.</summary>
    public double? PreprocessMs { get; set; }

    /// <summary>Inference milliseconds.</summary>
    public double? InferenceMs { get; set; }

    /// <summary>Total milliseconds for the image.</summary>
    public double? TotalMs { get; set; }

    /// <summary>When the image was labelled.</summary>
    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>The labels, parsed from <see cref="LabelsJson"/>.</summary>
    public IReadOnlyList<LabelScore> Labels() =>
        string.IsNullOrEmpty(LabelsJson) ? [] : JsonSerializer.Deserialize<LabelScore[]>(LabelsJson) ?? [];

    /// <summary>Sets this record's result columns from a classification (in place), clearing any failure.</summary>
    public void SetResult(ClassificationResult result)
    {
        Status = StatusOk;
        Model = result.Model.ToString();
        LabelsJson = JsonSerializer.Serialize(result.Labels);
        TopLabel = result.Labels.Count > 0 ? result.Labels[0].Label : null;
        TopProbability = result.Labels.Count > 0 ? result.Labels[0].Probability : null;
        DecodeMs = result.Timings.DecodeMs;
        PreprocessMs = result.Timings.PreprocessMs;
        InferenceMs = result.Timings.InferenceMs;
        TotalMs = result.Timings.TotalMs;
        ErrorCode = null;
        ErrorMessage = null;
    }

    /// <summary>Marks this record failed (in place) with a stable code.</summary>
    public void SetFailure(string code, string message, string? model)
    {
        Status = StatusFailed;
        ErrorCode = code;
        ErrorMessage = message;
        Model = model;
    }
}
