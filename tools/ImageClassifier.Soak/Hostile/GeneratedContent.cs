using System.Net;
using System.Net.Http.Headers;

namespace ImageClassifier.Soak.Hostile;

/// <summary>
/// A request body written as it is sent, with no Content-Length (so HttpClient sends it chunked): a prefix, a run of
/// filler bytes, a suffix. It can stand for a 100 MB body without holding 100 MB.
/// </summary>
internal sealed class GeneratedContent : HttpContent
{
    private readonly byte[] _prefix;
    private readonly long _fillerBytes;
    private readonly byte _filler;
    private readonly byte[] _suffix;

    public GeneratedContent(byte[] prefix, long fillerBytes, byte filler, byte[] suffix, string contentType)
    {
        (_prefix, _fillerBytes, _filler, _suffix) = (prefix, fillerBytes, filler, suffix);
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_prefix);
        var block = new byte[64 * 1024];
        Array.Fill(block, _filler);
        for (var left = _fillerBytes; left > 0; left -= block.Length)
        {
            await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)));
        }

        await stream.WriteAsync(_suffix);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
