using System.Text.Json.Serialization;

namespace ImageClassifier.Backfill;

/// <summary>Which blobs of a container a backfill labels.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackfillMode>))]
public enum BackfillMode
{
    /// <summary>Blobs that have no record at all.</summary>
    [JsonStringEnumMemberName("missing")]
    Missing,

    /// <summary>Blobs with no record, a record of an older version of the blob, or a record from another model identity.</summary>
    [JsonStringEnumMemberName("stale")]
    Stale,

    /// <summary>Every blob, whatever is stored.</summary>
    [JsonStringEnumMemberName("all")]
    All,
}
