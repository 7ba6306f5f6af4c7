using System.Diagnostics;
using ImageClassifier.Capacity;
using ImageClassifier.Errors;
using ImageClassifier.Imaging;
using ImageClassifier.Inference;
using ImageClassifier.Models;
using ImageClassifier.Results;
using ImageClassifier.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier;

/// <summary>
/// Turns encoded image bytes into ImageNet labels. One instance per process: the model is loaded once, on the first
/// call to <see cref="WarmUpAsync"/> or to a classify method, and every concurrent caller waits for that same load.
/// A load failure is logged once, here. Thread-safe.
/// </summary>
public sealed class ClassifierEngine : IDisposable
{
    // PrepareRuntime's load: one thread and one exit wait per process, however many engines a process creates.
    private static readonly Lazy<Task> RuntimeLoading = new(StartRuntimeLoading, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ClassifierOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<Task<Pipeline>> _model;
    private readonly Lazy<Task<WarmUpReport>> _warmUp;
    private int _loadTimeRecorded;

    /// <summary>Creates the engine; nothing is loaded until first use.</summary>
    public ClassifierEngine(IOptions<ClassifierOptions> options, ILogger<ClassifierEngine> logger)
    {
        _options = options.Value;
        _logger = logger;
        Limits = new ImageLimits(_options.MaxImageBytes, _options.MaxPixels);
        Memory = _options.CreateMemoryBudget();
        _model = new Lazy<Task<Pipeline>>(() => Task.Run(Load), LazyThreadSafetyMode.ExecutionAndPublication);
        _warmUp = new Lazy<Task<WarmUpReport>>(() => Task.Run(WarmUpOnce), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Starts loading ONNX Runtime (its native library and process-wide environment: about 70 ms on two cores) on a
    /// thread of its own, once per process. A host that calls this first thing finds it loaded when its settings are
    /// checked and the model load begins. A failure is not reported here: the model load meets the same one and reports
    /// it. A process that ends meanwhile (a settings error, nothing to classify) waits for the load as it exits: ending
    /// while the library initialises on another thread crashed `serve` in this project's CI (SIGSEGV, exit code 139).
    /// </summary>
    public static void PrepareRuntime() => _ = RuntimeLoading.Value;

    /// <summary>The byte and pixel limits every image is held to.</summary>
    public ImageLimits Limits { get; }

    /// <summary>The bytes images in flight may hold: hosts reserve uploads in it, and every decode takes its pixels from it.</summary>
    public MemoryBudget Memory { get; }

    /// <summary>Where the model stands, without waiting and without starting a load.</summary>
    public ModelReadiness Readiness => !_warmUp.IsValueCreated || !_warmUp.Value.IsCompleted
        ? ModelReadiness.WarmingUp
        : _warmUp.Value.IsCompletedSuccessfully ? ModelReadiness.Ready : ModelReadiness.Unavailable;

    /// <summary>True once the model is loaded and has answered its first inference.</summary>
    public bool IsReady => Readiness == ModelReadiness.Ready;

    /// <summary>The warm-up report, once <see cref="IsReady"/>.</summary>
    public WarmUpReport? WarmUp => IsReady ? _warmUp.Value.Result : null;

    /// <summary>
    /// A 64x48 JPEG the engine labels (with <c>top</c> 1) while it warms up. A host can send it through its own front
    /// door during warm-up to get its request path ready too; the engine answers it from its cache.
    /// </summary>
    public static ReadOnlyMemory<byte> WarmUpSample => WarmUpImage.Jpeg;

    /// <summary>Labels returned unless a call asks for another count.</summary>
    public int DefaultTop => _options.TopK;

    /// <summary>Loads the model (once) and runs one dummy inference; later calls return the same report.</summary>
    public Task<WarmUpReport> WarmUpAsync(CancellationToken cancellationToken = default) =>
        _warmUp.Value.WaitAsync(cancellationToken);

    /// <summary>
    /// Starts the warm-up if needed and waits for it at most <see cref="ClassifierOptions.WarmUpWait"/>: a request that
    /// reaches a new instance is answered by the model rather than refused, unless the load takes longer than that.
    /// </summary>
    public async Task<ModelReadiness> WaitUntilReadyAsync(CancellationToken cancellationToken = default)
    {
        var warmUp = _warmUp.Value;
        try
        {
            await warmUp.WaitAsync(_options.WarmUpWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return ModelReadiness.WarmingUp;
        }
        catch (Exception) when (warmUp.IsFaulted)
        {
            // Logged once by the load itself.
        }

        return Readiness;
    }

    /// <summary>The loaded model's identity and capabilities; loads it if needed.</summary>
    public async Task<ModelDescription> DescribeModelAsync(CancellationToken cancellationToken = default)
    {
        var session = (await _model.Value.WaitAsync(cancellationToken).ConfigureAwait(false)).Session;
        var files = session.Files;
        return new ModelDescription(files.Identity, files.Directory, session.Classes, session.DynamicBatch, session.ExecutionProvider, files.Spec);
    }

    /// <summary>Throws <see cref="ImageRejectedException"/> when an image of <paramref name="length"/> bytes cannot be accepted.</summary>
    public void CheckLength(long length)
    {
        if (Limits.CheckBytes(length) is { } refused)
        {
            throw refused.ToException();
        }
    }

    /// <summary>
    /// Classifies one image. Bad input throws <see cref="ImageRejectedException"/>; a broken model throws
    /// <see cref="ModelLoadException"/>; no room in <see cref="Memory"/> for its pixels throws <see cref="ServerBusyException"/>.
    /// </summary>
    public async Task<ClassificationResult> ClassifyAsync(ReadOnlyMemory<byte> image, int? top = null, CancellationToken cancellationToken = default)
    {
        var outcome = (await ClassifyBatchAsync([image], top, cancellationToken).ConfigureAwait(false))[0];
        return outcome.Succeeded ? outcome.Result : throw outcome.Rejection.Value.ToException();
    }

    /// <summary>
    /// Classifies several images; each outcome is a result or that image's rejection. When the model's batch dimension is
    /// dynamic the decodable images go through one inference run, otherwise one run each. Throws
    /// <see cref="ServerBusyException"/> when an image's pixels get no room in <see cref="Memory"/> in time.
    /// </summary>
    public async Task<IReadOnlyList<ClassificationOutcome>> ClassifyBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> images, int? top = null, CancellationToken cancellationToken = default)
    {
        var k = top ?? _options.TopK;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, nameof(top));
        var pipeline = await _model.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_loadTimeRecorded == 0 && WarmUp is { } report)
        {
            RecordLoadTime(report);
        }

        return await pipeline.ClassifyAsync(images, k, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the ONNX Runtime session if it was loaded.</summary>
    public void Dispose()
    {
        if (_model.IsValueCreated && _model.Value.IsCompletedSuccessfully)
        {
            _model.Value.Result.Dispose();
        }
    }

    private static Task StartRuntimeLoading()
    {
        var loading = Task.Factory.StartNew(
            static () =>
            {
                try
                {
                    OrtEnvironment.Get();
                }
                catch (Exception)
                {
                    // Reported by the load, which asks for the same environment.
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning, // a thread of its own: the pool's few threads are busy with start-up work
            TaskScheduler.Default);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => loading.Wait();
        return loading;
    }

    private Pipeline Load()
    {
        var directory = _options.ResolveModelDirectory();
        try
        {
            Log.LoadingModel(_logger, directory);
            return new Pipeline(ModelLoader.Open(directory, _options, _logger), Limits, Memory, _options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OnnxRuntimeException)
        {
            // Every way the model can fail to load is one typed error: hosts answer 503, the CLI exits 2.
            var error = new ModelLoadException($"The model in '{directory}' cannot be loaded: {ex.Message}", ex);
            Log.ModelLoadFailed(_logger, error);
            throw error;
        }
        catch (Exception ex)
        {
            Log.ModelLoadFailed(_logger, ex);
            throw;
        }
    }

    private async Task<WarmUpReport> WarmUpOnce()
    {
        var started = Stopwatch.GetTimestamp();
        // While the session loads (mostly one core), the decode path gets ready on another, off the first request's path.
        var priming = Task.Run(PrimeImaging);
        var pipeline = await _model.Value.ConfigureAwait(false);
        var loaded = Stopwatch.GetTimestamp();
        await priming.ConfigureAwait(false);
        try
        {
            await pipeline.RunFirstAsync(WarmUpImage.Jpeg).ConfigureAwait(false);
        }
        catch (OnnxRuntimeException ex)
        {
            var error = new ModelLoadException($"The model '{pipeline.Session.Files.ModelPath}' loads but fails its first inference: {ex.Message}", ex);
            Log.ModelLoadFailed(_logger, error);
            throw error;
        }

        var firstRun = Stopwatch.GetElapsedTime(loaded).TotalMilliseconds;
        var session = pipeline.Session;
        var report = new WarmUpReport(session.Files.Identity, session.ExecutionProvider, Stopwatch.GetElapsedTime(started, loaded).TotalMilliseconds, firstRun)
        {
            LoadedFrom = session.LoadedFrom,
            MicroBatching = pipeline.MergesRequests,
        };
        RecordLoadTime(report);
        Log.ModelReady(_logger, session.Files.Identity.ToString(), session.ExecutionProvider, report.LoadMs, report.FirstRunMs, session.DynamicBatch ? "dynamic" : "1 only");
        if (_options.SaveOptimizedCopy && session.LoadedFrom != ModelSource.RuntimeCache)
        {
            _ = Task.Run(() => SaveOptimizedCopyAsync(session));
        }

        return report;
    }

    private void PrimeImaging()
    {
        try
        {
            WarmUpImage.Prime(Limits);
        }
        catch (Exception ex)
        {
            // Only a head start: the first request decodes the same way and reports what is wrong, if anything is.
            Log.ImagingNotPrimed(_logger, ex.Message);
        }
    }

    // Once per instance. The load can end before any meter provider listens (serve starts it before building its host),
    // so a load nobody heard is recorded by the first classification that someone does.
    private void RecordLoadTime(WarmUpReport report)
    {
        if (!ClassifierTelemetry.ModelLoadDuration.Enabled || Interlocked.Exchange(ref _loadTimeRecorded, 1) != 0)
        {
            return;
        }

        ClassifierTelemetry.ModelLoadDuration.Record(
            report.LoadMs,
            new(TelemetryNames.ModelTag, report.Model.ToString()),
            new(TelemetryNames.ExecutionProviderTag, report.ExecutionProvider.ToString()),
            new(TelemetryNames.LoadedFromTag, report.LoadedFrom.ToString()));
    }

    // After the first start on a machine, keep a fully optimised copy so the next start skips optimisation.
    // Delayed so the optimisation pass does not compete with the first requests for the cores.
    private async Task SaveOptimizedCopyAsync(ModelSession session)
    {
        await Task.Delay(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            ModelLoader.SaveRuntimeCopy(session, _options);
            Log.OptimizedCopySaved(_logger, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OnnxRuntimeException)
        {
            Log.OptimizedCopyNotSaved(_logger, ex.Message);
        }
    }
}
