using System.Diagnostics;

namespace ImageClassifier.Inference;

/// <summary>
/// The CPU path: each request runs on its own thread, at most <see cref="InferenceTuning.ConcurrentRuns"/> at once. One
/// run already uses every intra-op thread, so a couple in flight keep the cores busy and more would only queue inside
/// ONNX Runtime (docs/performance.md). Micro-batching bought nothing measurable on the CPU, so nothing here waits for
/// other requests.
/// </summary>
internal sealed class BoundedRunner(ModelSession session, int runsInFlight) : IInferenceRunner
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _slots = new(runsInFlight, runsInFlight);
    private readonly CancellationTokenSource _stopping = new();

    public bool MergesRequests => false;

    public async Task<double> RunAsync(Memory<float> input, int count, Memory<float> output, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            await _slots.WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(BoundedRunner));
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            session.Run(input, count, output, cancellationToken);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Ends the waiting callers and lets the runs in progress finish, so the session is not disposed under them.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        for (var held = 0; held < runsInFlight && _slots.Wait(DrainTimeout); held++)
        {
        }

        _stopping.Dispose();
    }
}
