using System.Security.Cryptography;
using System.Text;

namespace ImageClassifier.Storage;

/// <summary>
/// Table keys for label entities. Blob names may hold any Unicode and characters that keys forbid (<c>/ \ # ?</c>,
/// control characters) and run to 1024 characters, more than a key may hold; so the row key is the SHA-256 of the name,
/// which is safe, fixed-length, and still a point query. The name itself is kept as a property.
/// </summary>
public static class TableKeys
{
    /// <summary>Partition of results posted over HTTP. The underscore cannot occur in a container name, so no blob partition collides with it.</summary>
    public const string UploadPartition = "_http";

    /// <summary>Keys of the entity for a blob.</summary>
    public static (string PartitionKey, string RowKey) ForBlob(string container, string blobName) =>
        (container, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blobName))));

    /// <summary>Keys of the entity for an HTTP result id.</summary>
    public static (string PartitionKey, string RowKey) ForUpload(string id) => (UploadPartition, id);

    /// <summary>A new, time-ordered result id (32 lowercase hex digits).</summary>
    public static string NewUploadId() => Guid.CreateVersion7().ToString("N");

    /// <summary>True when <paramref name="id"/> has the shape <see cref="NewUploadId"/> produces.</summary>
    public static bool IsUploadId(string id) => id.Length == 32 && Guid.TryParseExact(id, "N", out _) && id.All(c => !char.IsUpper(c));
}
