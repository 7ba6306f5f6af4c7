namespace ImageClassifier.Telemetry;

/// <summary>
/// The names the engine's traces and metrics are exported under (docs/operations.md queries them): one
/// <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/>, both called
/// <see cref="Source"/>. Renaming any of these breaks saved queries and alerts.
/// </summary>
public static class TelemetryNames
{
    /// <summary>Name of the engine's activity source and meter.</summary>
    public const string Source = "ImageClassifier";

    /// <summary>Span of one classification: an HTTP request's images, one blob event, or one backfill blob.</summary>
    public const string ClassifySpan = "classify";

    /// <summary>Child span: reading the blob's bytes from storage.</summary>
    public const string DownloadSpan = "download";

    /// <summary>Child span: decoding one image.</summary>
    public const string DecodeSpan = "decode";

    /// <summary>Child span: resizing and normalising one image into the input tensor.</summary>
    public const string PreprocessSpan = "preprocess";

    /// <summary>Child span: one inference run (all the images of the call).</summary>
    public const string InferenceSpan = "inference";

    /// <summary>Child span: writing the result to the labels table.</summary>
    public const string StoreSpan = "store";

    /// <summary>Metric: images a classification finished, by <see cref="SourceTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string ImagesMetric = "classifier.images";

    /// <summary>Metric: milliseconds of each inference run, by <see cref="ExecutionProviderTag"/> and <see cref="ModelTag"/>.</summary>
    public const string InferenceDurationMetric = "classifier.inference.duration";

    /// <summary>Metric: milliseconds from the start of a classification to its recorded outcome, by source and outcome.</summary>
    public const string ClassificationDurationMetric = "classifier.classification.duration";

    /// <summary>Metric: milliseconds the model took to load, recorded once per instance start.</summary>
    public const string ModelLoadDurationMetric = "classifier.model.load.duration";

    /// <summary>
    /// Metric: backfill work items enqueued and not yet finished, by <see cref="BackfillJobTag"/>. An up-down counter:
    /// each instance reports the running sum of what it listed (+) and finished (-), so a job's remaining items are the
    /// sum over instances of each one's latest value.
    /// </summary>
    public const string BackfillRemainingMetric = "classifier.backfill.items.remaining";

    /// <summary>Tag: the backfill job id.</summary>
    public const string BackfillJobTag = "classifier.backfill.job";

    /// <summary>Tag: where the image came from, one of <see cref="Http"/>, <see cref="Blob"/>, <see cref="Backfill"/>.</summary>
    public const string SourceTag = "classifier.source";

    /// <summary>Tag: how a classification ended, one of the outcome constants below.</summary>
    public const string OutcomeTag = "classifier.outcome";

    /// <summary>Tag: the stable error code of a refused image (<c>corrupt_image</c>, <c>image_too_large</c>, ...).</summary>
    public const string ErrorCodeTag = "classifier.error_code";

    /// <summary>Tag: the model identity, <c>name@sha256</c>.</summary>
    public const string ModelTag = "classifier.model";

    /// <summary>Tag: the ONNX Runtime execution provider, <c>Cpu</c> or <c>Cuda</c>; it tells the plan apart.</summary>
    public const string ExecutionProviderTag = "classifier.execution_provider";

    /// <summary>Tag: which copy of the graph the model was loaded from.</summary>
    public const string LoadedFromTag = "classifier.loaded_from";

    /// <summary>Tag: images in one inference run.</summary>
    public const string BatchSizeTag = "classifier.batch_size";

    /// <summary>Tag: encoded size of the image in bytes.</summary>
    public const string ImageBytesTag = "image.bytes";

    /// <summary>Tag: width the image header declares.</summary>
    public const string ImageWidthTag = "image.width";

    /// <summary>Tag: height the image header declares.</summary>
    public const string ImageHeightTag = "image.height";

    /// <summary>Tag: image format found by the decoder.</summary>
    public const string ImageFormatTag = "image.format";

    /// <summary>Tag: <c>container/name</c> of the blob being labelled.</summary>
    public const string BlobPathTag = "blob.path";

    /// <summary>Source: an image posted to <c>/api/classify</c>.</summary>
    public const string Http = "http";

    /// <summary>Source: a blob upload reported by Event Grid.</summary>
    public const string Blob = "blob";

    /// <summary>Source: a blob labelled by a backfill job.</summary>
    public const string Backfill = "backfill";

    /// <summary>Outcome: labels were produced (and, for blobs, recorded).</summary>
    public const string Labelled = "labelled";

    /// <summary>Outcome: the image was refused; <see cref="ErrorCodeTag"/> says why.</summary>
    public const string Failed = "failed";

    /// <summary>Outcome: the blob's record already described it; nothing was written.</summary>
    public const string Skipped = "skipped";

    /// <summary>Outcome: the blob was deleted or replaced before it could be read.</summary>
    public const string Gone = "gone";

    /// <summary>Outcome: the model was not ready, so the request was answered 503.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Outcome: every delivery failed and the poison path recorded the blob as failed (<c>retries_exhausted</c>).</summary>
    public const string Exhausted = "exhausted";

    /// <summary>Outcome: an exception escaped (a storage error the host retries).</summary>
    public const string Error = "error";
}
