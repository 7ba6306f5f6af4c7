using System.CommandLine;
using ImageClassifier.Errors;

namespace ImageClassifier.Cli.Commands;

/// <summary><c>optimize --model DIR</c>: writes the publish-time optimised copy that shortens cold starts.</summary>
internal static class OptimizeCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var device = CommonOptions.Device();
        var command = new Command("optimize", "Write an ONNX Runtime-optimised copy of the model into DIR/.optimized (run at publish or image build).") { model, device };
        command.SetAction(result =>
        {
            try
            {
                var path = ModelOptimizer.WritePublishedCopy(result.GetValue(model)!, result.GetValue(device)!);
                Console.WriteLine(path);
                return CommandLineRunner.Success;
            }
            catch (ModelLoadException ex)
            {
                return EngineFactory.ReportModelError(ex);
            }
        });
        return command;
    }
}
