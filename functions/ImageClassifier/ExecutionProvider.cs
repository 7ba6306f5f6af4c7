using System.Text.Json.Serialization;

namespace ImageClassifier;

/// <summary>Where ONNX Runtime runs the model. Configuration reads the names ignoring case; JSON writes them lower-case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionProvider>))]
public enum ExecutionProvider
{
    /// <summary>ONNX Runtime's CPU provider.</summary>
    [JsonStringEnumMemberName("cpu")]
    Cpu,

    /// <summary>ONNX Runtime's CUDA provider (GPU plan); without the CUDA libraries the engine logs a warning and runs on the CPU.</summary>
    [JsonStringEnumMemberName("cuda")]
    Cuda,
}
