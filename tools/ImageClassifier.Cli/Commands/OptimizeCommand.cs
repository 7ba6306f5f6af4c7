using System.CommandLine;
using ImageClassifier.Cli.Settings;
using ImageClassifier.Errors;

namespace ImageClassifier.Cli.Commands;

/// <summary><c>optimize --model DIR</c>: writes the publish-time optimised copy that shortens cold starts.</summary>
internal static class OptimizeCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var command = common.AddTo(new Command("optimize", "Write an ONNX Runtime-optimised copy of the model into DIR/.optimized (run at publish or image build)."), threads: false);
        command.SetAction(result =>
        {
            var options = EngineFactory.Options(common.Read(result));
            try
            {
                var path = ModelOptimizer.WritePublishedCopy(options.ResolveModelDirectory(), options.ExecutionProvider);
                Console.WriteLine(path);
                return CommandLineRunner.Success;
            }
            catch (ModelLoadException ex)
            {
                return CommandLineRunner.ReportModelError(ex);
            }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
            {
                // The optimiser loads the graph itself; a graph ONNX Runtime cannot read is a model error like any other.
                return CommandLineRunner.ReportModelError(new ModelLoadException($"ONNX Runtime cannot optimise the model in '{options.ResolveModelDirectory()}': {ex.Message}", ex));
            }
        });
        return command;
    }
}
