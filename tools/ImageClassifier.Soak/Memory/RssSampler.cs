using System.Diagnostics;

namespace ImageClassifier.Soak.Memory;

/// <summary>Samples a process's resident memory every 250 ms in the background until disposed.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly int _processId;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<RssSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RssSampler(int processId)
    {
        _processId = processId;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The time since sampling began, on the samples' clock.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public IReadOnlyList<RssSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var status = ProcStatus.Read(_processId);
                lock (_samples)
                {
                    _samples.Add(new RssSample(_clock.Elapsed, status.RssBytes, status.PeakRssBytes));
                }
            }
            catch (IOException)
            {
                // The process has exited; nothing left to sample.
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
