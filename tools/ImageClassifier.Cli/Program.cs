using System.CommandLine;
using ImageClassifier.Cli;
using ImageClassifier.Cli.Commands;

var root = new RootCommand("Labels images with an ImageNet classifier run by ONNX Runtime.")
{
    ClassifyCommand.Create(),
    ServeCommand.Create(),
    OptimizeCommand.Create(),
    BackfillCommand.Create(),
};

return await CommandLineRunner.RunAsync(root, args);
