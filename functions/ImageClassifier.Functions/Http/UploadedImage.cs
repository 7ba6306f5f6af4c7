using ImageClassifier.Capacity;

namespace ImageClassifier.Functions.Http;

/// <summary>One uploaded image, its bytes in a <see cref="PageBuffer"/> that Dispose frees.</summary>
public sealed class UploadedImage : IDisposable
{
    private PageBuffer? _buffer;

    internal UploadedImage(string? fileName, PageBuffer buffer, int length)
    {
        FileName = fileName;
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The client's file name for a multipart part; null for a raw body.</summary>
    public string? FileName { get; }

    /// <summary>Byte count.</summary>
    public int Length { get; }

    /// <summary>The bytes; valid until Dispose.</summary>
    public ReadOnlyMemory<byte> Content => _buffer is null ? throw new ObjectDisposedException(nameof(UploadedImage)) : _buffer.Memory[..Length];

    /// <summary>Frees the bytes.</summary>
    public void Dispose()
    {
        ((IDisposable?)Interlocked.Exchange(ref _buffer, null))?.Dispose();
    }
}
