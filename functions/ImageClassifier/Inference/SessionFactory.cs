using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Inference;

/// <summary>Creates ONNX Runtime sessions with the engine's tuning, falling back from CUDA to CPU when CUDA cannot load.</summary>
internal static class SessionFactory
{
    /// <summary>Creates a session on <paramref name="path"/>; returns the provider it really runs on.</summary>
    public static (InferenceSession Session, ExecutionProvider Provider) Create(string path, GraphOptimizationLevel level, ClassifierOptions options, ILogger logger)
    {
        OrtEnvironment.Get();
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = level };
        var provider = options.ExecutionProvider;
        if (provider == ExecutionProvider.Cuda)
        {
            try
            {
                Configure(sessionOptions, options.IntraOpThreads, ExecutionProvider.Cuda);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                Log.CudaUnavailable(logger, ex.Message);
                provider = ExecutionProvider.Cpu;
            }
        }

        if (provider == ExecutionProvider.Cpu)
        {
            Configure(sessionOptions, options.IntraOpThreads, ExecutionProvider.Cpu);
        }

        return (new InferenceSession(path, sessionOptions), provider);
    }

    /// <summary>Applies the engine's threading and memory tuning, and the CUDA provider when asked.</summary>
    public static void Configure(SessionOptions session, int intraOpThreads, ExecutionProvider provider)
    {
        session.IntraOpNumThreads = intraOpThreads > 0 ? intraOpThreads : Environment.ProcessorCount;
        session.InterOpNumThreads = 1;
        session.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        session.EnableCpuMemArena = InferenceTuning.CpuMemoryArena;
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", InferenceTuning.IntraOpSpinning ? "1" : "0");
        if (provider == ExecutionProvider.Cuda)
        {
            session.AppendExecutionProvider_CUDA(0);
        }
    }
}
