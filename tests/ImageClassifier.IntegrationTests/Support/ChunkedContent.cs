using System.Net;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>A body of unknown length, so HttpClient sends it chunked, with no Content-Length for the server to check.</summary>
public sealed class ChunkedContent(byte[] bytes, int chunkSize = 64 * 1024) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < bytes.Length; offset += chunkSize)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunkSize, bytes.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
