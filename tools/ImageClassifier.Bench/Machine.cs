using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Bench;

/// <summary>What the figures were measured on.</summary>
internal sealed record Machine(
    [property: JsonPropertyName("cpu")] string Cpu,
    [property: JsonPropertyName("cores")] int Cores,
    [property: JsonPropertyName("memoryGiB")] double MemoryGiB,
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("runtime")] string Runtime,
    [property: JsonPropertyName("onnxRuntime")] string OnnxRuntime,
    [property: JsonPropertyName("executionProvider")] string ExecutionProvider)
{
    public static Machine Describe(string executionProvider)
    {
        var cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new Machine(cpu, Environment.ProcessorCount, Math.Round(memory, 1), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, OrtEnv.Instance().GetVersionString(), executionProvider);
    }
}
