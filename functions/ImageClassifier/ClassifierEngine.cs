using System.Buffers;
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
    private readonly Lazy<Task<LoadedModel>> _model;
    private readonly Lazy<Task<WarmUpReport>> _warmUp;

    /// <summary>Creates the engine; nothing is loaded until first use.</summary>
    public ClassifierEngine(IOptions<ClassifierOptions> options, ILogger<ClassifierEngine> logger)
    {
        _options = options.Value;
        _logger = logger;
        _decoder = new ImageDecoder(_options.MaxImageBytes, _options.MaxPixels);
        _model = new Lazy<Task<LoadedModel>>(() => Task.Run(Load), LazyThreadSafetyMode.ExecutionAndPublication);
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
        var model = await _model.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var files = model.Session.Files;
        return new ModelDescription(files.Identity, files.Directory, model.Session.Classes, model.Session.DynamicBatch, model.Session.ExecutionProvider, files.Spec);
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
        var model = await _model.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return model.Classify(images, k, _decoder, cancellationToken);
    }

    /// <summary>Disposes the ONNX Runtime session if it was loaded.</summary>
    public void Dispose()
    {
        if (_model.IsValueCreated && _model.Value.IsCompletedSuccessfully)
        {
            _model.Value.Result.Session.Dispose();
        }
    }

    private LoadedModel Load()
    {
        try
        {
            var directory = _options.ResolveModelDirectory();
            Log.LoadingModel(_logger, directory);
            var files = ModelFiles.Read(directory);
            var session = ModelSession.Open(files, _options, _logger);
            return new LoadedModel(session);
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
        var model = await _model.Value.ConfigureAwait(false);
        var loaded = Stopwatch.GetTimestamp();
        model.RunDummy();
        var firstRun = Stopwatch.GetElapsedTime(loaded).TotalMilliseconds;
        var session = model.Session;
        var report = new WarmUpReport(session.Files.Identity, session.ExecutionProvider, Stopwatch.GetElapsedTime(started, loaded).TotalMilliseconds, firstRun);
        Log.ModelReady(_logger, session.Files.Identity.ToString(), session.ExecutionProvider, report.LoadMs, report.FirstRunMs, session.DynamicBatch ? "dynamic" : "1 only");
        return report;
    }

    /// <summary>A loaded session with its preprocessor: the per-image pipeline.</summary>
    private sealed class LoadedModel(ModelSession session)
    {
        private readonly Preprocessor _preprocessor = new(session.Files.Spec);

        public ModelSession Session { get; } = session;

        public void RunDummy()
        {
            var input = ArrayPool<float>.Shared.Rent(_preprocessor.TensorLength);
            var output = ArrayPool<float>.Shared.Rent(Session.Classes);
            try
            {
                input.AsSpan(0, _preprocessor.TensorLength).Clear();
                Session.Run(input.AsMemory(0, _preprocessor.TensorLength), 1, output.AsMemory(0, Session.Classes), CancellationToken.None);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(input);
                ArrayPool<float>.Shared.Return(output);
            }
        }

        public ClassificationOutcome[] Classify(IReadOnlyList<ReadOnlyMemory<byte>> images, int top, ImageDecoder decoder, CancellationToken cancellationToken)
        {
            var count = images.Count;
            var length = _preprocessor.TensorLength;
            var classes = Session.Classes;
            var input = ArrayPool<float>.Shared.Rent(length * count);
            var output = ArrayPool<float>.Shared.Rent(classes * count);
            var prepared = new Prepared[count];
            var outcomes = new ClassificationOutcome[count];
            try
            {
                var ready = 0;
                for (var i = 0; i < count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        prepared[i] = Prepare(images[i], decoder, input.AsSpan(ready * length, length));
                        prepared[i].Slot = ready++;
                    }
                    catch (ImageRejectedException ex)
                    {
                        outcomes[i] = new ClassificationOutcome(null, ex);
                    }
                }

                var inferenceMs = Infer(input, output, ready, cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    if (outcomes[i] is null)
                    {
                        var p = prepared[i];
                        var labels = Score(output.AsSpan(p.Slot * classes, classes), top);
                        var timings = new StageTimings(p.DecodeMs, p.PreprocessMs, inferenceMs, p.DecodeMs + p.PreprocessMs + inferenceMs);
                        outcomes[i] = new ClassificationOutcome(new ClassificationResult(labels, Session.Files.Identity, timings, p.Details), null);
                    }
                }

                return outcomes;
            }
            finally
            {
                ArrayPool<float>.Shared.Return(input);
                ArrayPool<float>.Shared.Return(output);
            }
        }

        private Prepared Prepare(ReadOnlyMemory<byte> image, ImageDecoder decoder, Span<float> destination)
        {
            var started = Stopwatch.GetTimestamp();
            using var decoded = decoder.Decode(image, _preprocessor.ResizeSize);
            var decodedAt = Stopwatch.GetTimestamp();
            _preprocessor.Run(decoded, destination);
            var details = new ImageDetails(decoded.Format.ToString().ToLowerInvariant(), decoded.SourceWidth, decoded.SourceHeight, (int)decoded.Origin);
            return new Prepared
            {
                Details = details,
                DecodeMs = Stopwatch.GetElapsedTime(started, decodedAt).TotalMilliseconds,
                PreprocessMs = Stopwatch.GetElapsedTime(decodedAt).TotalMilliseconds,
            };
        }

        // One run for the whole batch when the graph allows it; otherwise one run per image. Returns milliseconds.
        private double Infer(float[] input, float[] output, int ready, CancellationToken cancellationToken)
        {
            if (ready == 0)
            {
                return 0;
            }

            var started = Stopwatch.GetTimestamp();
            var length = _preprocessor.TensorLength;
            var classes = Session.Classes;
            if (Session.DynamicBatch)
            {
                Session.Run(input.AsMemory(0, length * ready), ready, output.AsMemory(0, classes * ready), cancellationToken);
            }
            else
            {
                for (var i = 0; i < ready; i++)
                {
                    Session.Run(input.AsMemory(i * length, length), 1, output.AsMemory(i * classes, classes), cancellationToken);
                }
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        private LabelScore[] Score(Span<float> logits, int top)
        {
            Scoring.Softmax(logits, logits);
            var indices = Scoring.TopK(logits, top);
            var labels = Session.Files.Labels;
            var result = new LabelScore[indices.Length];
            for (var i = 0; i < indices.Length; i++)
            {
                result[i] = new LabelScore(labels[indices[i]], indices[i], logits[indices[i]]);
            }

            return result;
        }

        private struct Prepared
        {
            public ImageDetails Details;
            public double DecodeMs;
            public double PreprocessMs;
            public int Slot;
        }
    }
}
