using System.Text.Json.Serialization;

namespace ImageClassifier.Bench;

/// <summary>Every figure one bench run produced; serialised as bench.json.</summary>
internal sealed class BenchReport
{
    [JsonPropertyName("date")] public DateTimeOffset Date { get; init; } = DateTimeOffset.UtcNow;
    [JsonPropertyName("quick")] public bool Quick { get; init; }
    [JsonPropertyName("machine")] public required Machine Machine { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("modelNote")] public string? ModelNote { get; set; }
    [JsonPropertyName("intraOpThreads")] public int IntraOpThreads { get; init; }
    [JsonPropertyName("load")] public LoadFigures Load { get; } = new();
    [JsonPropertyName("inference")] public InferenceFigures Inference { get; } = new();
    [JsonPropertyName("decode")] public List<DecodeFigure> Decode { get; } = [];
    [JsonPropertyName("telemetry")] public TelemetryFigure? Telemetry { get; set; }
    [JsonPropertyName("endToEnd")] public List<HttpFigure> EndToEnd { get; } = [];
    [JsonPropertyName("servePeakRssMb")] public double? ServePeakRssMb { get; set; }
    [JsonPropertyName("package")] public PackageFigures? Package { get; set; }
    [JsonPropertyName("backfill")] public BackfillFigures? Backfill { get; set; }
    [JsonPropertyName("targets")] public List<Target> Targets { get; } = [];
    [JsonPropertyName("notes")] public List<string> Notes { get; } = [];
}

internal sealed class LoadFigures
{
    [JsonPropertyName("bareSessionLoadMs")] public Stats? BareSessionLoad { get; set; }
    [JsonPropertyName("bareSessionLoadColdMs")] public Stats? BareSessionLoadCold { get; set; }
    [JsonPropertyName("processToModelReadyMs")] public double? ProcessToModelReady { get; set; }
    [JsonPropertyName("processToFirstResultMs")] public double? ProcessToFirstResult { get; set; }
    [JsonPropertyName("processToModelReadyWithOptimizedCopyMs")] public double? ProcessToModelReadyWithOptimizedCopy { get; set; }
    [JsonPropertyName("processToFirstResultWithOptimizedCopyMs")] public double? ProcessToFirstResultWithOptimizedCopy { get; set; }
    [JsonPropertyName("engineLoadMs")] public double? EngineLoad { get; set; }
    [JsonPropertyName("serveStartToHostBuiltMs")] public double? ServeHostBuilt { get; set; }
    [JsonPropertyName("serveStartToModelReadyMs")] public double? ServeModelReady { get; set; }
    [JsonPropertyName("serveStartToListeningMs")] public double? ServeListening { get; set; }
    [JsonPropertyName("serveStartToFirstHttpResultMs")] public double? ServeToFirstHttpResult { get; set; }
    [JsonPropertyName("serveStartsToFirstHttpResultMs")] public Stats? ServeStarts { get; set; }
    [JsonPropertyName("bareSessionLoadColdBesideServeStartsMs")] public Stats? ServeStartsBare { get; set; }
    [JsonPropertyName("referenceModel")] public string? ReferenceModel { get; set; }
    [JsonPropertyName("referenceServeStartsToFirstHttpResultMs")] public Stats? ReferenceServeStarts { get; set; }
    [JsonPropertyName("referenceBareSessionLoadColdMs")] public Stats? ReferenceBare { get; set; }
}

internal sealed class InferenceFigures
{
    [JsonPropertyName("bareDefaultOptionsMs")] public Stats? BareDefault { get; set; }
    [JsonPropertyName("bareThreadsMs")] public Stats? BareThreads { get; set; }
    [JsonPropertyName("onnxruntimeNodeMs")] public Stats? Node { get; set; }
    [JsonPropertyName("onnxruntimeNodeNote")] public string? NodeNote { get; set; }
    [JsonPropertyName("engineBatch1Ms")] public Stats? EngineBatch1 { get; set; }
    [JsonPropertyName("batchNote")] public string? BatchNote { get; set; }
    [JsonPropertyName("batches")] public List<BatchFigure> Batches { get; } = [];
}

internal sealed record BatchFigure(
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("imagesPerSecond")] double ImagesPerSecond,
    [property: JsonPropertyName("msPerImage")] double MsPerImage);

internal sealed record DecodeFigure(
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("bytes")] int Bytes,
    [property: JsonPropertyName("decodeMs")] Stats Decode,
    [property: JsonPropertyName("preprocessMs")] Stats Preprocess,
    [property: JsonPropertyName("totalMs")] Stats Total);

internal sealed record TelemetryFigure(
    [property: JsonPropertyName("imagesPerSecondNotListened")] double NotListened,
    [property: JsonPropertyName("imagesPerSecondExported")] double Exported,
    [property: JsonPropertyName("rounds")] int Rounds,
    [property: JsonPropertyName("imagesPerRound")] int ImagesPerRound);

internal sealed record HttpFigure(
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("latencyMs")] Stats Latency,
    [property: JsonPropertyName("requestsPerSecond")] double RequestsPerSecond,
    [property: JsonPropertyName("serverDecodeMs")] double ServerDecodeMs,
    [property: JsonPropertyName("serverPreprocessMs")] double ServerPreprocessMs,
    [property: JsonPropertyName("serverInferenceMs")] double ServerInferenceMs,
    [property: JsonPropertyName("serverTotalMs")] double ServerTotalMs);

internal sealed record PackageFigures(
    [property: JsonPropertyName("zipMB")] double ZipMB,
    [property: JsonPropertyName("zipMiB")] double ZipMiB,
    [property: JsonPropertyName("zipMBWithProductionWeights")] double ZipMBWithProductionWeights,
    [property: JsonPropertyName("files")] int Files,
    [property: JsonPropertyName("weightCopies")] int WeightCopies,
    [property: JsonPropertyName("modelZipMiB")] double ModelZipMiB,
    [property: JsonPropertyName("largestZippedMiB")] IReadOnlyList<string> Largest);

internal sealed record Target(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("limit")] double Limit,
    [property: JsonPropertyName("met")] bool Met,
    [property: JsonPropertyName("how")] string How);
