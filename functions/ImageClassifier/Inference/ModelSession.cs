using ImageClassifier.Models;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Inference;

/// <summary>
/// The one ONNX Runtime session of the process, already checked against its model directory by <see cref="ModelLoader"/>;
/// this type only runs it. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// is thread-safe (onnxruntime #114), so callers share it without locks; each call gets its own <see cref="RunOptions"/>
/// because terminating a shared one would cancel every run using it.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long[] _outputShape;

    internal ModelSession(ModelFiles files, InferenceSession session, GraphContract contract, ExecutionProvider provider, ModelSource loadedFrom)
    {
        Files = files;
        _session = session;
        _inputNames = [contract.InputName];
        _outputNames = [contract.OutputName];
        _outputShape = Array.ConvertAll(contract.OutputDimensions, d => (long)d);
        Classes = contract.Classes;
        DynamicBatch = contract.DynamicBatch;
        ExecutionProvider = provider;
        LoadedFrom = loadedFrom;
    }

    /// <summary>The model directory the session was checked against.</summary>
    public ModelFiles Files { get; }

    /// <summary>Scores per image in the output.</summary>
    public int Classes { get; }

    /// <summary>True when the first input dimension is symbolic, so N images can go in one run.</summary>
    public bool DynamicBatch { get; }

    /// <summary>What the session really runs on (CUDA falls back to CPU when its libraries are missing).</summary>
    public ExecutionProvider ExecutionProvider { get; }

    /// <summary>The graph input the engine feeds.</summary>
    public string InputName => _inputNames[0];

    /// <summary>Which copy of the graph the session was created from.</summary>
    public ModelSource LoadedFrom { get; }

    /// <summary>Floats one image occupies in the input tensor.</summary>
    public int InputLength => 3 * Files.Spec.InputSize * Files.Spec.InputSize;

    /// <summary>
    /// Runs <paramref name="count"/> images; <paramref name="output"/> receives count x <see cref="Classes"/> raw scores.
    /// A graph whose batch dimension is fixed at 1 runs them one at a time. Cancelling terminates the run in progress.
    /// </summary>
    public void Run(Memory<float> input, int count, Memory<float> output, CancellationToken cancellationToken = default)
    {
        if (count == 1 || DynamicBatch)
        {
            RunOnce(input, count, output, cancellationToken);
            return;
        }

        var inputLength = input.Length / count;
        var outputLength = output.Length / count;
        for (var i = 0; i < count; i++)
        {
            RunOnce(input.Slice(i * inputLength, inputLength), 1, output.Slice(i * outputLength, outputLength), cancellationToken);
        }
    }

    /// <summary>Releases the native session.</summary>
    public void Dispose() => _session.Dispose();

    private void RunOnce(Memory<float> input, int batch, Memory<float> output, CancellationToken cancellationToken)
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

    private long[] OutputShape(int batch)
    {
        var shape = (long[])_outputShape.Clone();
        shape[0] = batch;
        return shape;
    }
}
