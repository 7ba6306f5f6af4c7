using static ImageClassifier.Soak.Hostile.Expectation;

namespace ImageClassifier.Soak.Hostile;

internal static partial class HostileCorpus
{
    // Requests HttpClient would refuse to send or would normalise; each asks the server to close after answering.
    private static IEnumerable<HostileCase> RawCases(byte[] photo)
    {
        HostileCase Raw(string name, string head, Expectation expected, byte[]? body = null) =>
            new(name, "raw", expected, t => t.RawAsync(head, body));

        yield return Raw("raw chunked body, chunk size 100000000",
            "POST /api/classify HTTP/1.1\r\nHost: {host}\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n100000000\r\n",
            AnyClientError(), photo[..Math.Min(1024, photo.Length)]);
        yield return Raw("raw chunked body, chunk size not hex",
            "POST /api/classify HTTP/1.1\r\nHost: {host}\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
            AnyClientError());
        yield return Raw("raw Content-Length and chunked together",
            "POST /api/classify HTTP/1.1\r\nHost: {host}\r\nContent-Type: image/jpeg\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
            AnyClientError());
        yield return Raw("raw URL of 20000 characters (414)",
            $"GET /api/labels/{new string('a', 20_000)} HTTP/1.1\r\nHost: {{host}}\r\nConnection: close\r\n\r\n",
            ServerParserReject(414));
        yield return Raw("raw 40 KB header (431)",
            $"GET /api/health HTTP/1.1\r\nHost: {{host}}\r\nX-Big: {new string('h', 40_000)}\r\nConnection: close\r\n\r\n",
            ServerParserReject(431));
        yield return Raw("raw 150 headers (431)",
            "GET /api/health HTTP/1.1\r\nHost: {host}\r\n" + string.Concat(Enumerable.Range(0, 150).Select(i => $"X-H{i}: v\r\n")) + "Connection: close\r\n\r\n",
            ServerParserReject(431));
        yield return Raw("raw path traversal /api/labels/../../etc/passwd",
            "GET /api/labels/../../etc/passwd HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            AnyClientError());
        yield return Raw("raw traversal in a blob name /api/labels/images/../../x",
            "GET /api/labels/images/../../x HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            AnyClientError());
        yield return Raw("raw request line that is not HTTP",
            "GARBAGE\r\n\r\n",
            ServerParserReject(400));
        yield return Raw("raw HTTP/1.1 without Host",
            "GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n",
            ServerParserReject(400));
        yield return Raw("raw control character in the path",
            "GET /api/labels/images/a\u0001b HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
            AnyClientError());
    }
}
