namespace ImageClassifier.Capacity;

/// <summary>Bytes held in a <see cref="MemoryBudget"/> until disposed; disposing twice releases once.</summary>
public sealed class MemoryLease : IDisposable
{
    private readonly MemoryBudget _budget;
    private long _bytes;

    internal MemoryLease(MemoryBudget budget, long bytes)
    {
        _budget = budget;
        _bytes = bytes;
    }

    /// <summary>Bytes this lease holds now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Gives back what was reserved beyond <paramref name="bytes"/>, once the real size is known (a chunked upload
    /// reserves the limit and ends up smaller). A larger value changes nothing: a lease never grows.
    /// </summary>
    public void ShrinkTo(long bytes)
    {
        var held = Interlocked.Read(ref _bytes);
        while (bytes >= 0 && bytes < held)
        {
            var seen = Interlocked.CompareExchange(ref _bytes, bytes, held);
            if (seen == held)
            {
                _budget.Release(held - bytes);
                return;
            }

            held = seen;
        }
    }

    /// <summary>Returns the bytes to the budget.</summary>
    public void Dispose()
    {
        var held = Interlocked.Exchange(ref _bytes, 0);
        if (held > 0)
        {
            _budget.Release(held);
        }
    }
}
