using System.Buffers;

namespace ImageClassifier.Functions.Http;

/// <summary>One uploaded image, its bytes in a pooled buffer that Dispose returns.</summary>
public sealed class UploadedImage : IDisposable
{
    private byte[]? _buffer;

    internal UploadedImage(string? fileName, byte[] buffer, int length)
    {
        FileName = fileName;
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The client's file name for a multipart part; null for a raw body.</summary>
    public string? FileName { get; }

    /// <summary>Byte count.</summary>
    public int Length { get; }

    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Content => _buffer is null ? throw new ObjectDisposedException(nameof(UploadedImage)) : _buffer.AsMemory(0, Length);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
