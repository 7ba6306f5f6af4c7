using ImageClassifier.Errors;
using ImageClassifier.Models;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ImageClassifier.Inference;

/// <summary>
/// The one ONNX Runtime session of the process. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// is thread-safe (onnxruntime #114), so callers share it without locks; each call gets its own <see cref="RunOptions"/>
/// because terminating a shared one would cancel every run using it.
/// </summary>
internal sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private readonly long[] _outputShape;

    private ModelSession(ModelFiles files, InferenceSession session, string inputName, string outputName, int[] outputDims, int classes, bool dynamicBatch, string provider)
    {
        _outputShape = Array.ConvertAll(outputDims, d => (long)d);
        Files = files;
        _session = session;
        _inputNames = [inputName];
        _outputNames = [outputName];
        Classes = classes;
        DynamicBatch = dynamicBatch;
        ExecutionProvider = provider;
    }

    public ModelFiles Files { get; }

    /// <summary>Scores per image in the output.</summary>
    public int Classes { get; }

    /// <summary>True when the first input dimension is symbolic, so N images can go in one run.</summary>
    public bool DynamicBatch { get; }

    /// <summary><c>cpu</c> or <c>cuda</c>: what the session really runs on.</summary>
    public string ExecutionProvider { get; }

    public string InputName => _inputNames[0];

    /// <summary>Where the loaded graph came from: <c>original</c>, <c>published</c> or <c>runtime-cache</c>.</summary>
    public string LoadedFrom { get; private set; } = "original";

    /// <summary>
    /// Creates the session and checks the graph against the directory's labels and preprocessing. Prefers an already
    /// optimised copy (run-time cache, then publish-time), loaded without repeating the optimisation; a copy that fails
    /// to load is deleted when it is the run-time one, and the original is used.
    /// </summary>
    public static ModelSession Open(ModelFiles files, ClassifierOptions options, ILogger logger)
    {
        var requested = ParseLevel(options.GraphOptimization);
        var provider = WantsCuda(options) ? "cuda" : "cpu";
        var candidates = new List<(string Path, GraphOptimizationLevel Level, string From)>();
        if (requested == GraphOptimizationLevel.ORT_ENABLE_ALL)
        {
            candidates.Add((OptimizedModels.RuntimePath(files, options, provider, "all"), GraphOptimizationLevel.ORT_DISABLE_ALL, "runtime-cache"));
            candidates.Add((OptimizedModels.PublishedPath(files, provider), PublishedLoadLevel, "published"));
        }

        candidates.Add((files.ModelPath, requested, "original"));
        foreach (var (path, level, from) in candidates)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            InferenceSession session;
            string actualProvider;
            try
            {
                (session, actualProvider) = Create(path, level, options, logger);
            }
            catch (OnnxRuntimeException ex) when (from != "original")
            {
                Log.OptimizedCopyRejected(logger, path, ex.Message);
                if (from == "runtime-cache")
                {
                    TryDelete(path);
                }

                continue;
            }
            catch (OnnxRuntimeException ex)
            {
                throw new ModelLoadException($"ONNX Runtime cannot load '{files.ModelPath}': {ex.Message}", ex);
            }

            try
            {
                var model = Validate(files, session, actualProvider);
                model.LoadedFrom = from;
                NativeHeap.Trim();
                return model;
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        throw new ModelLoadException($"'{files.ModelPath}' is missing.");
    }

    /// <summary>Writes the run-time optimised copy for this machine, unless the session already came from it.</summary>
    public void SaveRuntimeCopy(ClassifierOptions options)
    {
        if (LoadedFrom == "runtime-cache" || ParseLevel(options.GraphOptimization) != GraphOptimizationLevel.ORT_ENABLE_ALL)
        {
            return;
        }

        var target = OptimizedModels.RuntimePath(Files, options, ExecutionProvider, "all");
        OptimizedModels.Write(Files, target, GraphOptimizationLevel.ORT_ENABLE_ALL, o => Configure(o, options, ExecutionProvider == "cuda"));
    }

    // The publish-time copy already holds the hardware-independent rewrites; the CPU-specific layout pass still runs.
    private const GraphOptimizationLevel PublishedLoadLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;

    private static bool WantsCuda(ClassifierOptions options) => string.Equals(options.ExecutionProvider, "cuda", StringComparison.OrdinalIgnoreCase);

    private static (InferenceSession Session, string Provider) Create(string path, GraphOptimizationLevel level, ClassifierOptions options, ILogger logger)
    {
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = level };
        var cuda = WantsCuda(options);
        if (cuda)
        {
            try
            {
                Configure(sessionOptions, options, cuda: true);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                Log.CudaUnavailable(logger, ex.Message);
                cuda = false;
            }
        }

        if (!cuda)
        {
            Configure(sessionOptions, options, cuda: false);
        }

        return (new InferenceSession(path, sessionOptions), cuda ? "cuda" : "cpu");
    }

    private static void Configure(SessionOptions session, ClassifierOptions options, bool cuda)
    {
        session.IntraOpNumThreads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount;
        session.InterOpNumThreads = 1;
        session.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        session.EnableCpuMemArena = options.CpuMemoryArena;
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", options.IntraOpSpinning ? "1" : "0");
        if (cuda)
        {
            session.AppendExecutionProvider_CUDA(0);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Runs <paramref name="batch"/> images; <paramref name="output"/> receives batch x <see cref="Classes"/> raw scores.</summary>
    public void Run(Memory<float> input, int batch, Memory<float> output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var size = Files.Spec.InputSize;
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, [batch, 3, size, size]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, OutputShape(batch));
        try
        {
            _session.Run(runOptions, _inputNames, [inputValue], _outputNames, [outputValue]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public void Dispose() => _session.Dispose();

    private long[] OutputShape(int batch)
    {
        var shape = (long[])_outputShape.Clone();
        shape[0] = batch;
        return shape;
    }

    private static ModelSession Validate(ModelFiles files, InferenceSession session, string provider)
    {
        var inputName = files.Spec.InputName ?? session.InputNames[0];
        if (!session.InputMetadata.TryGetValue(inputName, out var input))
        {
            throw new ModelLoadException($"'{files.ModelPath}' has no input named '{inputName}' (inputs: {string.Join(", ", session.InputNames)}); fix inputName in {ModelFiles.SpecFileName}.");
        }

        var size = files.Spec.InputSize;
        var dims = input.Dimensions;
        if (input.ElementDataType != TensorElementType.Float || dims.Length != 4 || (dims[1] > 0 && dims[1] != 3) || (dims[2] > 0 && dims[2] != size) || (dims[3] > 0 && dims[3] != size))
        {
            throw new ModelLoadException(
                $"'{files.ModelPath}' input '{inputName}' is {input.ElementDataType}[{string.Join(",", dims)}]; the engine feeds float[N,3,{size},{size}] (set inputSize in {ModelFiles.SpecFileName} if the model wants another size).");
        }

        if (dims[0] > 1)
        {
            throw new ModelLoadException($"'{files.ModelPath}' input '{inputName}' has a fixed batch size of {dims[0]}; the engine needs a batch dimension of 1 or a dynamic one (export with dynamic_axes).");
        }

        var outputName = session.OutputNames[0];
        var outputDims = session.OutputMetadata[outputName].Dimensions;
        var classDims = SqueezeTrailing(outputDims.AsSpan(1));
        if (classDims.Length != 1)
        {
            throw new ModelLoadException($"'{files.ModelPath}' output '{outputName}' has shape [{string.Join(",", outputDims)}]; expected [N, classes] (trailing 1s are allowed).");
        }

        var classes = classDims[0];
        if (classes != files.Labels.Count)
        {
            var labelsPath = Path.Combine(files.Directory, ModelFiles.LabelsFileName);
            throw new ModelLoadException(
                $"'{files.ModelPath}' output '{outputName}' gives {classes} scores per image but '{labelsPath}' has {files.Labels.Count} labels; they must match one to one.");
        }

        return new ModelSession(files, session, inputName, outputName, outputDims, classes, dims[0] < 0, provider);
    }

    private static ReadOnlySpan<int> SqueezeTrailing(ReadOnlySpan<int> dims)
    {
        var length = dims.Length;
        while (length > 1 && dims[length - 1] == 1)
        {
            length--;
        }

        return dims[..length];
    }

    private static GraphOptimizationLevel ParseLevel(string level) => level.ToLowerInvariant() switch
    {
        "disabled" => GraphOptimizationLevel.ORT_DISABLE_ALL,
        "basic" => GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended" => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
    };
}
