using System.Text;

namespace ImageClassifier.Imaging;

/// <summary>
/// Names well-known formats from their first bytes, so a refusal can say "TIFF is not supported" instead of
/// "not an image", and a damaged JPEG is told apart from random bytes.
/// </summary>
internal static class FormatSniffer
{
    /// <summary>The name of a format the engine recognises but does not decode, or null.</summary>
    public static string? UnsupportedFormatName(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return "TIFF";
        }

        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = data.Slice(8, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return "AVIF";
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("hevc"u8))
            {
                return "HEIC/HEIF";
            }
        }

        if (data.StartsWith("%PDF"u8))
        {
            return "PDF";
        }

        if (Starts(data, [0x00, 0x00, 0x01, 0x00]))
        {
            return "ICO";
        }

        if (Starts(data, [0xFF, 0x0A]) || Starts(data, [0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20]))
        {
            return "JPEG XL";
        }

        var head = TextHead(data);
        if (head is not null)
        {
            return head.Contains("<svg", StringComparison.OrdinalIgnoreCase) ? "SVG" : "text";
        }

        return null;
    }

    /// <summary>True when the bytes begin with the signature of a format the engine decodes.</summary>
    public static bool HasSupportedSignature(ReadOnlySpan<byte> data) =>
        Starts(data, [0xFF, 0xD8, 0xFF])
        || Starts(data, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        || data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)
        || (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        || data.StartsWith("BM"u8);

    private static bool Starts(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => data.StartsWith(signature);

    // Text (SVG, HTML, JSON, a mistaken text upload) is valid UTF-8 with no control bytes in its first kilobyte.
    private static string? TextHead(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 1024)];
        if (Starts(head, [0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        foreach (var b in head)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                return null;
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(head.Length < data.Length ? TrimPartialChar(head) : head);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // A 1 KiB window can end inside a multi-byte character; drop that tail so valid UTF-8 stays valid.
    private static ReadOnlySpan<byte> TrimPartialChar(ReadOnlySpan<byte> head)
    {
        var end = head.Length;
        var back = 0;
        while (end > 0 && back < 3 && (head[end - 1] & 0xC0) == 0x80)
        {
            end--;
            back++;
        }

        if (end > 0 && head[end - 1] >= 0xC0)
        {
            end--;
        }
        else
        {
            end = head.Length;
        }

        return head[..end];
    }
}
