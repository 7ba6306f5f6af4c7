using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;

namespace ImageClassifier.Inference;

/// <summary>
/// The GPU plan's path (micro-batching on, dynamic batch dimension): requests that queue while a run is busy, or that
/// arrive within <see cref="_maxWait"/> while other requests are still being decoded, share one run of at most
/// <see cref="_maxBatch"/> images; a lone request never waits. <c>concurrentRuns</c> queue readers run at once.
/// </summary>
internal sealed class MicroBatcher : IInferenceRunner
{
    private readonly ModelSession _session;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxWait;
    private readonly Channel<BatchJob> _jobs = Channel.CreateUnbounded<BatchJob>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _loops;
    private int _preparing;

    // concurrentRuns: runs in flight at once, one per queue reader. The readers are async loops on the thread pool;
    // each run executes on whichever pool thread resumed its loop.
    public MicroBatcher(ModelSession session, int maxBatch, TimeSpan maxWait, int concurrentRuns)
    {
        _session = session;
        _maxBatch = Math.Max(1, maxBatch);
        _maxWait = maxWait;
        _loops = Enumerable.Range(0, Math.Max(1, concurrentRuns)).Select(_ => Task.Run(RunLoopAsync)).ToArray();
    }

    public bool MergesRequests => true;

    /// <summary>Tells the queue a request is decoding and will submit soon, so a forming batch may wait for it.</summary>
    public void BeginPreparing() => Interlocked.Increment(ref _preparing);

    /// <summary>Pairs <see cref="BeginPreparing"/>.</summary>
    public void EndPreparing() => Interlocked.Decrement(ref _preparing);

    /// <summary>Runs <paramref name="count"/> images; returns the milliseconds of the run that carried them.</summary>
    public async Task<double> RunAsync(Memory<float> input, int count, Memory<float> output, CancellationToken cancellationToken)
    {
        var job = new BatchJob(input, count, output, cancellationToken);
        await _jobs.Writer.WriteAsync(job, cancellationToken).ConfigureAwait(false);
        // No early return on cancellation: the caller's pooled buffers must outlive the run. A cancelled job is
        // skipped, or its run terminated, so this completes promptly.
        return await job.Completion.Task.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _jobs.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            Task.WaitAll(_loops, TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loop ends by cancellation
        }

        // The loops stop without draining the channel; a job left in it would keep its caller waiting forever.
        while (_jobs.Reader.TryRead(out var job))
        {
            job.Completion.TrySetException(new ObjectDisposedException(nameof(MicroBatcher)));
        }

        _stopping.Dispose();
    }

    private async Task RunLoopAsync()
    {
        var reader = _jobs.Reader;
        BatchJob? carried = null;
        var batch = new List<BatchJob>(_maxBatch);
        while (carried is not null || await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            batch.Clear();
            var first = carried ?? (reader.TryRead(out var next) ? next : null);
            carried = null;
            if (first is null)
            {
                continue;
            }

            batch.Add(first);
            carried = await FillAsync(batch, reader).ConfigureAwait(false);

            Execute(batch);
        }
    }

    // Adds queued jobs up to the batch limit; waits up to _maxWait only while other requests are still decoding.
    private async Task<BatchJob?> FillAsync(List<BatchJob> batch, ChannelReader<BatchJob> reader)
    {
        var images = batch[0].Count;
        var deadline = Stopwatch.GetTimestamp() + (long)(_maxWait.TotalSeconds * Stopwatch.Frequency);
        while (images < _maxBatch)
        {
            if (reader.TryRead(out var job))
            {
                if (images + job.Count > _maxBatch)
                {
                    return job;
                }

                batch.Add(job);
                images += job.Count;
                continue;
            }

            var remaining = deadline - Stopwatch.GetTimestamp();
            if (Volatile.Read(ref _preparing) == 0 || remaining <= 0)
            {
                break;
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
            try
            {
                await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private void Execute(List<BatchJob> batch)
    {
        batch.RemoveAll(job => job.Cancel());
        if (batch.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            if (batch.Count == 1)
            {
                var job = batch[0];
                _session.Run(job.Input, job.Count, job.Output, job.CancellationToken);
            }
            else
            {
                RunMerged(batch);
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            batch.ForEach(job => job.Completion.TrySetResult(elapsed));
        }
        catch (Exception ex)
        {
            batch.ForEach(job => job.Completion.TrySetException(ex));
        }
    }

    private void RunMerged(List<BatchJob> batch)
    {
        var images = batch.Sum(j => j.Count);
        var inputLength = batch[0].Input.Length / batch[0].Count;
        var outputLength = batch[0].Output.Length / batch[0].Count;
        var input = ArrayPool<float>.Shared.Rent(images * inputLength);
        var output = ArrayPool<float>.Shared.Rent(images * outputLength);
        try
        {
            var offset = 0;
            foreach (var job in batch)
            {
                job.Input.Span.CopyTo(input.AsSpan(offset * inputLength));
                offset += job.Count;
            }

            _session.Run(input.AsMemory(0, images * inputLength), images, output.AsMemory(0, images * outputLength), CancellationToken.None);
            offset = 0;
            foreach (var job in batch)
            {
                output.AsSpan(offset * outputLength, job.Output.Length).CopyTo(job.Output.Span);
                offset += job.Count;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<float>.Shared.Return(output);
        }
    }
}
