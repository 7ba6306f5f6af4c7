using ImageClassifier.Errors;
using ImageClassifier.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ImageClassifier.Inference;

/// <summary>
/// What the engine needs from a graph, checked against the model directory: a float [N,3,size,size] input (N of 1 or
/// symbolic) and an [N, classes] output whose class count matches <c>labels.txt</c> line for line.
/// </summary>
internal sealed record GraphContract(string InputName, string OutputName, int[] OutputDimensions, int Classes, bool DynamicBatch)
{
    /// <summary>Reads the contract from <paramref name="session"/>; a mismatch throws <see cref="ModelLoadException"/> saying what to fix.</summary>
    public static GraphContract Check(ModelFiles files, InferenceSession session)
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

        return new GraphContract(inputName, outputName, outputDims, classes, dims[0] < 0);
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
}
