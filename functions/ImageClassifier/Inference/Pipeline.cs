using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using ImageClassifier.Capacity;
using ImageClassifier.Errors;
using ImageClassifier.Imaging;
using ImageClassifier.Results;
using ImageClassifier.Telemetry;

namespace ImageClassifier.Inference;

/// <summary>
/// The per-request path of a loaded model: size check, hash, cache lookup, room for the pixels in the memory budget,
/// decode and preprocess into pooled tensors, one inference run for the whole call, softmax and top-k.
/// </summary>
internal sealed class Pipeline : IDisposable
{
    private readonly Preprocessor _preprocessor;
    private readonly ImageLimits _limits;
    private readonly ImageDecoder _decoder;
    private readonly MemoryBudget _memory;
    private readonly ResultCache _cache;
    private readonly IInferenceRunner _runner;
    private readonly KeyValuePair<string, object?> _modelTag;
    private readonly KeyValuePair<string, object?> _providerTag;

    public Pipeline(ModelSession session, ImageLimits limits, MemoryBudget memory, ClassifierOptions options)
    {
        Session = session;
        _limits = limits;
        _memory = memory;
        _decoder = new ImageDecoder(limits);
        _preprocessor = new Preprocessor(session.Files.Spec);
        _cache = new ResultCache(options.CacheEntries);
        _runner = options.MicroBatchingFor(session.ExecutionProvider) && session.DynamicBatch
            ? new MicroBatcher(session, InferenceTuning.MaxBatch, InferenceTuning.MaxBatchWait, InferenceTuning.ConcurrentRuns)
            : new BoundedRunner(session, InferenceTuning.ConcurrentRuns);
        // Built once, so recording a measurement allocates nothing.
        _modelTag = new(TelemetryNames.ModelTag, session.Files.Identity.ToString());
        _providerTag = new(TelemetryNames.ExecutionProviderTag, session.ExecutionProvider.ToString());
    }

    public ModelSession Session { get; }

    /// <summary>True when concurrent requests share inference runs.</summary>
    public bool MergesRequests => _runner.MergesRequests;

    /// <summary>
    /// The first run, which allocates and tunes, so requests do not pay for it: <paramref name="sample"/> through the
    /// whole per-request path (hash, decode, preprocess, inference, scoring), or zeros through the model when the
    /// sample is outside this instance's limits.
    /// </summary>
    public async Task RunFirstAsync(ReadOnlyMemory<byte> sample)
    {
        // Not a request: no spans, and no inference time beside the requests' (the model load time has its own metric).
        ClassifierTelemetry.Mute();
        var outcome = (await ClassifyAsync([sample], 1, CancellationToken.None).ConfigureAwait(false))[0];
        if (!outcome.Succeeded)
        {
            await RunZerosAsync().ConfigureAwait(false);
        }
    }

    private async Task RunZerosAsync()
    {
        var length = _preprocessor.TensorLength;
        var input = ArrayPool<float>.Shared.Rent(length);
        var output = ArrayPool<float>.Shared.Rent(Session.Classes);
        try
        {
            input.AsSpan(0, length).Clear();
            await _runner.RunAsync(input.AsMemory(0, length), 1, output.AsMemory(0, Session.Classes), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<float>.Shared.Return(output);
        }
    }

    public async Task<ClassificationOutcome[]> ClassifyAsync(IReadOnlyList<ReadOnlyMemory<byte>> images, int top, CancellationToken cancellationToken)
    {
        var count = images.Count;
        var length = _preprocessor.TensorLength;
        var classes = Session.Classes;
        var outcomes = new ClassificationOutcome[count];
        var prepared = new Prepared[count];
        var input = ArrayPool<float>.Shared.Rent(length * count);
        var output = ArrayPool<float>.Shared.Rent(classes * count);
        var ready = 0;
        // The classify span learns which model and provider answered, cache hits and refusals included.
        if (ClassifierTelemetry.CurrentClassification() is { } classification)
        {
            classification.SetTag(_modelTag.Key, _modelTag.Value);
            classification.SetTag(_providerTag.Key, _providerTag.Value);
        }

        // Only the micro-batcher waits for requests still decoding; the CPU path has nothing to tell.
        var batcher = _runner as MicroBatcher;
        batcher?.BeginPreparing();
        try
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (outcome, image) = await PrepareAsync(images[i], top, input.AsMemory(ready * length, length), cancellationToken).ConfigureAwait(false);
                    outcomes[i] = outcome!;
                    prepared[i] = image;
                    if (outcome is null)
                    {
                        prepared[i].Slot = ready++;
                    }
                }
            }
            finally
            {
                batcher?.EndPreparing();
            }

            var inferenceMs = ready == 0 ? 0 : await InferAsync(input.AsMemory(0, length * ready), ready, output.AsMemory(0, classes * ready), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                if (outcomes[i] is not null)
                {
                    continue;
                }

                var p = prepared[i];
                var labels = Score(output.AsSpan(p.Slot * classes, classes), top);
                _cache.Add(p.Sha256, top, labels, p.Details);
                var timings = new StageTimings(p.DecodeMs, p.PreprocessMs, inferenceMs, p.HashMs + p.DecodeMs + p.PreprocessMs + inferenceMs);
                outcomes[i] = ClassificationOutcome.Labelled(new ClassificationResult(labels, Session.Files.Identity, timings, p.Details) { ContentSha256 = p.Sha256, Length = images[i].Length });
            }

            return outcomes;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<float>.Shared.Return(output);
        }
    }

    // Runs the prepared images; the span and the metric say how long the run took, on which model and provider.
    private async Task<double> InferAsync(Memory<float> input, int count, Memory<float> output, CancellationToken cancellationToken)
    {
        using var span = ClassifierTelemetry.StartSpan(TelemetryNames.InferenceSpan);
        span?.SetTag(_modelTag.Key, _modelTag.Value);
        span?.SetTag(_providerTag.Key, _providerTag.Value);
        span?.SetTag(TelemetryNames.BatchSizeTag, count);
        var ms = await _runner.RunAsync(input, count, output, cancellationToken).ConfigureAwait(false);
        if (!ClassifierTelemetry.IsMuted)
        {
            ClassifierTelemetry.InferenceDuration.Record(ms, _providerTag, _modelTag);
        }

        return ms;
    }

    public void Dispose()
    {
        _runner.Dispose();
        Session.Dispose();
    }

    // Returns a finished outcome (cache hit or rejection), or null when the image now waits in the tensor for inference.
    private async Task<(ClassificationOutcome? Outcome, Prepared Prepared)> PrepareAsync(ReadOnlyMemory<byte> image, int top, Memory<float> destination, CancellationToken cancellationToken)
    {
        if (_limits.CheckBytes(image.Length) is { } refused)
        {
            return (ClassificationOutcome.Rejected(refused), default);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(image.Span));
            var hashed = Stopwatch.GetTimestamp();
            if (_cache.TryGet(sha256, top, out var cached))
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                return (ClassificationOutcome.Labelled(new ClassificationResult(cached.Labels, Session.Files.Identity, new StageTimings(0, 0, 0, ms), cached.Image) { ContentSha256 = sha256, Length = image.Length, Cached = true }), default);
            }

            // The header says what the decode allocates: a 68-byte GIF can declare 160 MB of pixels.
            using var room = await _memory.AcquireDecodeAsync(DecodeBytes(image), cancellationToken).ConfigureAwait(false);
            var waited = Stopwatch.GetTimestamp();
            using var decoded = Decode(image);
            var decodedAt = Stopwatch.GetTimestamp();
            using (ClassifierTelemetry.StartSpan(TelemetryNames.PreprocessSpan))
            {
                _preprocessor.Run(decoded, destination.Span);
            }

            var prepared = new Prepared
            {
                Sha256 = sha256,
                Details = new ImageDetails(decoded.Format.ToString().ToLowerInvariant(), decoded.SourceWidth, decoded.SourceHeight, (int)decoded.Origin),
                HashMs = Stopwatch.GetElapsedTime(started, hashed).TotalMilliseconds,
                DecodeMs = Stopwatch.GetElapsedTime(waited, decodedAt).TotalMilliseconds,
                PreprocessMs = Stopwatch.GetElapsedTime(decodedAt).TotalMilliseconds,
            };
            return (null, prepared);
        }
        catch (ImageRejectedException ex)
        {
            return (ClassificationOutcome.Rejected(ex.Rejection), default);
        }
    }

    // What the decode will allocate, from the header; an image refused there gets its decode span with the reason.
    private long DecodeBytes(ReadOnlyMemory<byte> image)
    {
        try
        {
            return _decoder.DecodeBytes(image, _preprocessor.ResizeSize);
        }
        catch (ImageRejectedException ex)
        {
            using var span = ClassifierTelemetry.StartSpan(TelemetryNames.DecodeSpan);
            span?.SetTag(TelemetryNames.ImageBytesTag, image.Length);
            ClassifierTelemetry.Refused(span, ex.Code);
            throw;
        }
    }

    // The decode span carries what the image is: its size in bytes and pixels, its format, or why it was refused.
    private DecodedImage Decode(ReadOnlyMemory<byte> image)
    {
        using var span = ClassifierTelemetry.StartSpan(TelemetryNames.DecodeSpan);
        if (span is null)
        {
            return _decoder.Decode(image, _preprocessor.ResizeSize);
        }

        span.SetTag(TelemetryNames.ImageBytesTag, image.Length);
        try
        {
            var decoded = _decoder.Decode(image, _preprocessor.ResizeSize);
            span.SetTag(TelemetryNames.ImageFormatTag, decoded.Format.ToString().ToLowerInvariant());
            span.SetTag(TelemetryNames.ImageWidthTag, decoded.SourceWidth);
            span.SetTag(TelemetryNames.ImageHeightTag, decoded.SourceHeight);
            return decoded;
        }
        catch (ImageRejectedException ex)
        {
            ClassifierTelemetry.Refused(span, ex.Code);
            throw;
        }
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
        public string Sha256;
        public ImageDetails Details;
        public double HashMs;
        public double DecodeMs;
        public double PreprocessMs;
        public int Slot;
    }
}
