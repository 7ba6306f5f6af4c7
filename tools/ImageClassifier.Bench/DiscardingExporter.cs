using OpenTelemetry;

namespace ImageClassifier.Bench;

/// <summary>An exporter that accepts every batch and sends it nowhere: the SDK's whole pipeline runs, without the network.</summary>
internal sealed class DiscardingExporter<T> : BaseExporter<T>
    where T : class
{
    public override ExportResult Export(in Batch<T> batch) => ExportResult.Success;
}
