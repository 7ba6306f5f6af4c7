using System.Net;
using System.Net.Http.Headers;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// A body with a Content-Length that sends its first half at once and the rest only when <see cref="Release"/> is called:
/// an upload the server has admitted and is still reading, held open for as long as a test needs.
/// </summary>
public sealed class HeldContent : HttpContent
{
    private readonly byte[] _bytes;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldContent(byte[] bytes, string contentType)
    {
        _bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue(contentType);
    }

    /// <summary>Completes once the first half is on its way.</summary>
    public Task Started => _started.Task;

    public void Release() => _released.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var half = _bytes.Length / 2;
        await stream.WriteAsync(_bytes.AsMemory(0, half), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        _started.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        await stream.WriteAsync(_bytes.AsMemory(half), cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return true;
    }
}
