using System.Globalization;
using System.Text;

namespace ImageClassifier.Soak.Hostile;

/// <summary>An HTTP/1.1 response read off a socket: status, headers and the body (de-chunked when sent chunked).</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    public string? ContentType => Headers.GetValueOrDefault("content-type");

    /// <summary>
    /// Parses the first final (non-1xx) response in <paramref name="data"/>; null while it is incomplete. At the end of
    /// the stream (<paramref name="ended"/>) a body without a declared length is whatever arrived.
    /// </summary>
    public static RawResponse? TryParse(ReadOnlySpan<byte> data, bool ended)
    {
        while (true)
        {
            var headerEnd = data.IndexOf(HeaderEnd);
            if (headerEnd < 0)
            {
                return null;
            }

            var lines = Encoding.Latin1.GetString(data[..headerEnd]).Split("\r\n");
            var statusFields = lines[0].Split(' ', 3);
            if (statusFields.Length < 2 || !statusFields[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
                !int.TryParse(statusFields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                throw new FormatException($"Not an HTTP status line: '{lines[0]}'.");
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            var rest = data[(headerEnd + HeaderEnd.Length)..];
            if (status is >= 100 and < 200)
            {
                data = rest; // 100 Continue and other interim answers come before the real one
                continue;
            }

            if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                var body = Dechunk(rest);
                return body is null ? null : new RawResponse(status, headers, body);
            }

            if (headers.TryGetValue("content-length", out var length) && long.TryParse(length, CultureInfo.InvariantCulture, out var declared))
            {
                return rest.Length >= declared ? new RawResponse(status, headers, rest[..(int)declared].ToArray()) : ended ? new RawResponse(status, headers, rest.ToArray()) : null;
            }

            return ended ? new RawResponse(status, headers, rest.ToArray()) : null;
        }
    }

    private static byte[]? Dechunk(ReadOnlySpan<byte> data)
    {
        var body = new MemoryStream();
        while (true)
        {
            var lineEnd = data.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return null;
            }

            var sizeText = Encoding.Latin1.GetString(data[..lineEnd]).Split(';')[0].Trim();
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            data = data[(lineEnd + 2)..];
            if (size == 0)
            {
                return body.ToArray();
            }

            if (data.Length < size + 2)
            {
                return null;
            }

            body.Write(data[..size]);
            data = data[(size + 2)..];
        }
    }
}
