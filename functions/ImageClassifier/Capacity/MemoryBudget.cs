using ImageClassifier.Errors;

namespace ImageClassifier.Capacity;

/// <summary>
/// Bounds the bytes an instance holds for images in flight: uploads buffered whole and decoded pixels. Without it memory
/// grew with concurrency (64 clients posting 20 MiB uploads took the process to 1.95 GB; docs/reliability.md). Work
/// that cannot get its bytes within <see cref="Wait"/> throws <see cref="ServerBusyException"/>.
/// </summary>
/// <remarks>
/// Uploads may hold only <see cref="UploadShareBytes"/>; the rest is kept for decodes, and a waiting decode is served
/// before any upload. An admitted upload waits for its decode, so without that reserve uploads could fill the budget and
/// wait for decodes that never get bytes. A request larger than its share (an upload larger than the upload share, a
/// decode larger than the reserve) is clamped to it: it runs alone among its kind.
/// Waiters are served in arrival order within each kind, so a large request is not starved by small ones.
/// </remarks>
public sealed class MemoryBudget
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _decodes = new();
    private readonly LinkedList<Waiter> _uploads = new();
    private long _inUse;

    /// <summary>Creates a budget of <paramref name="totalBytes"/>, <paramref name="decodeReserveBytes"/> of which only decodes may take.</summary>
    public MemoryBudget(long totalBytes, long decodeReserveBytes, TimeSpan wait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalBytes, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(decodeReserveBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(decodeReserveBytes, totalBytes);
        TotalBytes = totalBytes;
        UploadShareBytes = totalBytes - decodeReserveBytes;
        Wait = wait;
    }

    /// <summary>All bytes the budget hands out.</summary>
    public long TotalBytes { get; }

    /// <summary>The most that buffered uploads hold together.</summary>
    public long UploadShareBytes { get; }

    /// <summary>How long work waits for its bytes before it is refused as busy.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Bytes held by leases now.</summary>
    public long BytesInUse
    {
        get
        {
            lock (_gate)
            {
                return _inUse;
            }
        }
    }

    /// <summary>Reserves room for an upload of up to <paramref name="bytes"/> before it is read.</summary>
    public Task<MemoryLease> AcquireUploadAsync(long bytes, CancellationToken cancellationToken = default) =>
        AcquireAsync(Math.Clamp(bytes, 1, UploadShareBytes), decode: false, cancellationToken);

    /// <summary>Reserves room for <paramref name="bytes"/> of decoded pixels before the decode allocates them.</summary>
    public Task<MemoryLease> AcquireDecodeAsync(long bytes, CancellationToken cancellationToken = default) =>
        AcquireAsync(Math.Clamp(bytes, 1, TotalBytes - UploadShareBytes), decode: true, cancellationToken);

    internal void Release(long bytes)
    {
        lock (_gate)
        {
            _inUse -= bytes;
            GrantWaiters();
        }
    }

    private async Task<MemoryLease> AcquireAsync(long bytes, bool decode, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (CanGrant(bytes, decode, queued: false))
            {
                _inUse += bytes;
                return new MemoryLease(this, bytes);
            }

            waiter = new Waiter(bytes, decode);
            waiter.Node = (decode ? _decodes : _uploads).AddLast(waiter);
        }

        try
        {
            await waiter.Granted.Task.WaitAsync(Wait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            if (Abandon(waiter))
            {
                if (ex is OperationCanceledException)
                {
                    throw;
                }

                throw new ServerBusyException($"The service is at its limit of {TotalBytes / 1048576:N0} MiB for images in flight; try again in a few seconds.");
            }

            // Granted while giving up: a timed-out caller takes it, a cancelled one hands it back.
            if (ex is OperationCanceledException)
            {
                Release(bytes);
                throw;
            }
        }

        return new MemoryLease(this, bytes);
    }

    // True when the waiter was still queued (it is removed); false when it had already been granted.
    private bool Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is not { } queue)
            {
                return false;
            }

            queue.Remove(waiter.Node);
            waiter.Node = null;
            // The head may have been the one blocking the others.
            GrantWaiters();
            return true;
        }
    }

    private bool CanGrant(long bytes, bool decode, bool queued)
    {
        if (decode)
        {
            return (queued || _decodes.Count == 0) && _inUse + bytes <= TotalBytes;
        }

        return _decodes.Count == 0 && (queued || _uploads.Count == 0) && _inUse + bytes <= UploadShareBytes;
    }

    private void GrantWaiters()
    {
        foreach (var queue in new[] { _decodes, _uploads })
        {
            while (queue.First is { } head && CanGrant(head.Value.Bytes, head.Value.Decode, queued: true))
            {
                queue.RemoveFirst();
                head.Value.Node = null;
                _inUse += head.Value.Bytes;
                head.Value.Granted.TrySetResult();
            }
        }
    }

    private sealed class Waiter(long bytes, bool decode)
    {
        public long Bytes { get; } = bytes;

        public bool Decode { get; } = decode;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
