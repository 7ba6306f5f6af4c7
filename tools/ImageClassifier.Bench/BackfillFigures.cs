using System.Text.Json.Serialization;

namespace ImageClassifier.Bench;

/// <summary>Backfill beside classify: images per second of each, on the same images, and the machine's load around them.</summary>
internal sealed class BackfillFigures
{
    [JsonPropertyName("images")] public int Images { get; init; }

    [JsonPropertyName("classifyImagesPerSecond")] public List<double> ClassifyPerSecond { get; } = [];

    [JsonPropertyName("runs")] public List<BackfillRun> Runs { get; } = [];

    [JsonPropertyName("loadAverageBefore")] public double? LoadAverageBefore { get; init; }

    [JsonPropertyName("loadAverageAfter")] public double? LoadAverageAfter { get; set; }

    /// <summary>The figures as a Markdown section.</summary>
    public IEnumerable<string> Markdown()
    {
        yield return "## Backfill beside classify (same images, one run)";
        yield return "";
        yield return F($"{Images} generated JPEGs 640x427; 1-minute load average {LoadAverageBefore:F2} before, {LoadAverageAfter:F2} after. classify: the CLI, first to last result; backfill: serve and Azurite on this machine, POST to done.");
        yield return "";
        yield return "| work item size | classify images/s | backfill images/s | backfill / classify |";
        yield return "| --- | --- | --- | --- |";
        for (var i = 0; i < Runs.Count; i++)
        {
            yield return F($"| {Runs[i].ItemSize} | {ClassifyPerSecond[i]:F1} | {Runs[i].ImagesPerSecond:F1} | {Runs[i].ImagesPerSecond / ClassifyPerSecond[i]:F2} |");
        }
    }

    private static string F(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One backfill run: the work item size and the images per second from POST to done.</summary>
internal sealed record BackfillRun(
    [property: JsonPropertyName("itemSize")] int ItemSize,
    [property: JsonPropertyName("imagesPerSecond")] double ImagesPerSecond);
