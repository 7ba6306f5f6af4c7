using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Inference;

/// <summary>
/// Creates ONNX Runtime's process-wide environment with its telemetry off. Since 1.29 the Linux builds carry a 1DS
/// telemetry provider that writes a device id and an offline event store under <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime</c>.
/// <c>ORT_DISABLE_TELEMETRY=1</c>, set before the environment is created, is the full opt-out on non-Windows builds (no
/// uploader, events, device id or cache: onnxruntime #27379); <see cref="OrtEnv.DisableTelemetryEvents"/> only suppresses
/// events once the provider exists. .NET keeps its own copy of the environment on Unix, so the variable is set in the
/// C library's, where ONNX Runtime reads it; an operator's own value is left alone.
/// </summary>
internal static partial class OrtEnvironment
{
    private const string DisableVariable = "ORT_DISABLE_TELEMETRY";

    private static readonly Lazy<OrtEnv> Instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The environment, created on first use.</summary>
    public static OrtEnv Get() => Instance.Value;

    private static OrtEnv Create()
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                _ = SetEnv(DisableVariable, "1", overwrite: 0);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // A C library without setenv: the runtime call below still suppresses events.
            }
        }

        var environment = OrtEnv.Instance();
        environment.DisableTelemetryEvents();
        return environment;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
