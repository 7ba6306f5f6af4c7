using ImageClassifier.Bench;
using ImageClassifier.Cli;

var root = BenchCommand.Create();
root.Add(ProbeLoadCommand.Create());
root.Add(ProbeLoadCommand.CreateBare());

return await CommandLineRunner.RunAsync(root, args);
