using System.CommandLine;
using ImageClassifier.Cli;
using ImageClassifier.Cli.Bench;
using ImageClassifier.Cli.Commands;

var root = new RootCommand("Labels images with an ImageNet classifier run by ONNX Runtime.")
{
    ClassifyCommand.Create(),
    ServeCommand.Create(),
    BenchCommand.Create(),
    OptimizeCommand.Create(),
    ProbeLoadCommand.Create(),
    ProbeLoadCommand.CreateBare(),
};

return await CommandLineRunner.RunAsync(root, args);
