using System.Text.Json;

namespace ImageClassifier.Backfill;

/// <summary>Cuts a listing page into work items.</summary>
public static class BackfillItems
{
    /// <summary>
    /// JSON bytes of blob names per item at most. A queue message holds 64 KiB and base64 makes it 4/3 larger; a blob
    /// name may be 1,024 characters, each escaped to up to 6 bytes in JSON, so the count alone does not bound the size.
    /// </summary>
    public const int MaxNameBytes = 40 * 1024;

    /// <summary>Consecutive runs of at most <paramref name="size"/> names and <see cref="MaxNameBytes"/> bytes.</summary>
    public static List<List<string>> Split(IEnumerable<string> names, int size)
    {
        var items = new List<List<string>>();
        List<string>? current = null;
        var bytes = 0;
        foreach (var name in names)
        {
            var length = JsonEncodedText.Encode(name).EncodedUtf8Bytes.Length + 3;
            if (current is null || current.Count == size || bytes + length > MaxNameBytes)
            {
                current = [];
                items.Add(current);
                bytes = 0;
            }

            current.Add(name);
            bytes += length;
        }

        return items;
    }
}
