using System.Buffers;

namespace ImageClassifier.Capacity;

/// <summary>
/// A large byte buffer whose memory goes back to the system on Dispose (see <see cref="PageMemory"/>): uploads, decoded
/// pixels, a JPEG's padded copy. Pooled arrays were the first choice and the wrong one: a 20 MiB upload rented a 32 MiB
/// array that stayed in the shared pool after the request (docs/reliability.md).
/// </summary>
public sealed unsafe class PageBuffer : MemoryManager<byte>
{
    /// <summary>
    /// Up to this size a pooled array is the cheaper scratch buffer; above it, a pooled array lingers in the shared pool
    /// (one per thread and size class) after the work is done, and a page buffer is freed at once.
    /// </summary>
    public const int PoolLimitBytes = 1024 * 1024;

    private byte* _bytes;

    /// <summary>Allocates <paramref name="capacity"/> bytes, not cleared.</summary>
    public PageBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _bytes = PageMemory.Allocate((nuint)capacity);
        Capacity = capacity;
    }

    /// <summary>Bytes the buffer holds now.</summary>
    public int Capacity { get; private set; }

    /// <summary>Start of the bytes; valid until Dispose or <see cref="Resize"/>.</summary>
    public byte* Pointer => _bytes is null ? throw new ObjectDisposedException(nameof(PageBuffer)) : _bytes;

    /// <summary>Resizes the buffer, keeping its contents; memory and pointers taken before must not be used after.</summary>
    public void Resize(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _bytes = PageMemory.Resize(Pointer, (nuint)Capacity, (nuint)capacity);
        Capacity = capacity;
    }

    /// <inheritdoc />
    public override Span<byte> GetSpan() => new(Pointer, Capacity);

    /// <summary>The buffer never moves while it lives: pinning is its address.</summary>
    public override MemoryHandle Pin(int elementIndex = 0) => new(Pointer + elementIndex);

    /// <inheritdoc />
    public override void Unpin()
    {
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_bytes is not null)
        {
            PageMemory.Free(_bytes, (nuint)Capacity);
            _bytes = null;
            Capacity = 0;
        }
    }
}
