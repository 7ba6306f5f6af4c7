using System.Diagnostics;
using ImageClassifier.Errors;
using ImageClassifier.Imaging;
using ImageClassifier.Inference;
using ImageClassifier.Models;
using ImageClassifier.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier;

/// <summary>
/// Turns encoded image bytes into ImageNet labels. One instance per process: the model is loaded once, on the first
/// call to <see cref="WarmUpAsync"/> or to a classify method, and every concurrent caller waits for that same load.
/// Thread-safe.
/// </summary>
public sealed class ClassifierEngine : IDisposable
{
    private readonly ClassifierOptions _options;
    private readonly ILogger _logger;
    private readonly ImageDecoder _decoder;
    private readonly Lazy<Task<Pipeline>> _model;
    private readonly Lazy<Task<WarmUpReport>> _warmUp;

    /// <summary>Creates the engine; nothing is loaded until first use.</summary>
    public ClassifierEngine(IOptions<ClassifierOptions> options, ILogger<ClassifierEngine> logger)
    {
        _options = options.Value;
        _logger = logger;
        _decoder = new ImageDecoder(_options.MaxImageBytes, _options.MaxPixels);
        _model = new Lazy<Task<Pipeline>>(() => Task.Run(Load), LazyThreadSafetyMode.ExecutionAndPublication);
        _warmUp = new Lazy<Task<WarmUpReport>>(() => Task.Run(WarmUpOnce), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True once the model is loaded and has answered its first inference.</summary>
    public bool IsReady => _warmUp.IsValueCreated && _warmUp.Value.IsCompletedSuccessfully;

    /// <summary>The warm-up report, once <see cref="IsReady"/>.</summary>
    public WarmUpReport? WarmUp => IsReady ? _warmUp.Value.Result : null;

    /// <summary>Why the model could not be loaded, once a load has failed; null otherwise.</summary>
    public Exception? LoadFailure =>
        _warmUp.IsValueCreated && _warmUp.Value.IsFaulted ? _warmUp.Value.Exception?.GetBaseException() : null;

    /// <summary>The configured encoded-size limit in bytes.</summary>
    public long MaxImageBytes => _options.MaxImageBytes;

    /// <summary>Labels returned unless a call asks for another count.</summary>
    public int DefaultTop => _options.TopK;

    /// <summary>Loads the model (once) and runs one dummy inference; later calls return the same report.</summary>
    public Task<WarmUpReport> WarmUpAsync(CancellationToken cancellationToken = default) =>
        _warmUp.Value.WaitAsync(cancellationToken);

    /// <summary>The loaded model's identity and capabilities; loads it if needed.</summary>
    public async Task<ModelDescription> DescribeModelAsync(CancellationToken cancellationToken = default)
    {
        var session = (await _model.Value.WaitAsync(cancellationToken).ConfigureAwait(false)).Session;
        var files = session.Files;
        return new ModelDescription(files.Identity, files.Directory, session.Classes, session.DynamicBatch, session.ExecutionProvider, files.Spec);
    }

    /// <summary>Throws <see cref="ImageRejectedException"/> when an upload of <paramref name="length"/> bytes cannot be accepted.</summary>
    public void CheckLength(long length) => _decoder.CheckLength(length);

    /// <summary>Classifies one image. Bad input throws <see cref="ImageRejectedException"/>; a broken model throws <see cref="ModelLoadException"/>.</summary>
    public async Task<ClassificationResult> ClassifyAsync(ReadOnlyMemory<byte> image, int? top = null, CancellationToken cancellationToken = default)
    {
        var outcomes = await ClassifyBatchAsync([image], top, cancellationToken).ConfigureAwait(false);
        return outcomes[0].Result ?? throw outcomes[0].Error!;
    }

    /// <summary>
    /// Classifies several images; each outcome is a result or that image's rejection. When the model's batch dimension is
    /// dynamic the decodable images go through one inference run, otherwise one run each.
    /// </summary>
    public async Task<IReadOnlyList<ClassificationOutcome>> ClassifyBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> images, int? top = null, CancellationToken cancellationToken = default)
    {
        var k = top ?? _options.TopK;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, nameof(top));
        var pipeline = await _model.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
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

    private Pipeline Load()
    {
        try
        {
            var directory = _options.ResolveModelDirectory();
            Log.LoadingModel(_logger, directory);
            var files = ModelFiles.Read(directory);
            return new Pipeline(ModelSession.Open(files, _options, _logger), _decoder, _options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            // Every way the model can fail to load is one typed error: hosts answer 503 with it, the CLI exits 2.
            var error = new ModelLoadException($"The model in '{_options.ResolveModelDirectory()}' cannot be loaded: {ex.Message}", ex);
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
        var pipeline = await _model.Value.ConfigureAwait(false);
        var loaded = Stopwatch.GetTimestamp();
        try
        {
            await pipeline.RunDummyAsync().ConfigureAwait(false);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"The model '{pipeline.Session.Files.ModelPath}' loads but fails its first inference: {ex.Message}", ex);
        }

        var firstRun = Stopwatch.GetElapsedTime(loaded).TotalMilliseconds;
        var session = pipeline.Session;
        var report = new WarmUpReport(session.Files.Identity, session.ExecutionProvider, Stopwatch.GetElapsedTime(started, loaded).TotalMilliseconds, firstRun)
        {
            LoadedFrom = session.LoadedFrom,
            MicroBatching = pipeline.Queue.Batching,
        };
        Log.ModelReady(_logger, session.Files.Identity.ToString(), session.ExecutionProvider, report.LoadMs, report.FirstRunMs, session.DynamicBatch ? "dynamic" : "1 only");
        if (_options.SaveOptimizedCopy && session.LoadedFrom != "runtime-cache")
        {
            _ = Task.Run(() => SaveOptimizedCopyAsync(session));
        }

        return report;
    }

    // After the first start on a machine, keep a fully optimised copy so the next start skips optimisation.
    // Delayed so the optimisation pass does not compete with the first requests for the cores.
    private async Task SaveOptimizedCopyAsync(ModelSession session)
    {
        await Task.Delay(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            session.SaveRuntimeCopy(_options);
            Log.OptimizedCopySaved(_logger, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            Log.OptimizedCopyNotSaved(_logger, ex.Message);
        }
    }
}
