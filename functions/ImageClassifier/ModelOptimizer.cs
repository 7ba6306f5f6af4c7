using ImageClassifier.Inference;
using ImageClassifier.Models;

namespace ImageClassifier;

/// <summary>Publish-time step: writes the hardware-independent optimised copy of a model into its <c>.optimized/</c> folder.</summary>
public static class ModelOptimizer
{
    /// <summary>Writes the copy the engine prefers at start-up; returns its path. Run where the model is packaged (publish, image build).</summary>
    public static string WritePublishedCopy(string modelDirectory, ExecutionProvider executionProvider = ExecutionProvider.Cpu)
    {
        var files = ModelFiles.Read(modelDirectory);
        var target = OptimizedModels.PublishedPath(files, executionProvider);
        OptimizedModels.Write(files, target, OptimizedModels.PublishedLevel, options =>
        {
            if (executionProvider == ExecutionProvider.Cuda)
            {
                options.AppendExecutionProvider_CUDA(0);
            }
        });
        return target;
    }
}
