using System.CommandLine;
using ImageClassifier.Errors;
using ImageClassifier.Cli;
using ImageClassifier.Cli.Commands;
using ImageClassifier.Models;
using Spectre.Console;

namespace ImageClassifier.Bench;

/// <summary><c>imgclass-bench --model DIR [--out DIR] [--quick]</c>: the published study's table, measured on this machine.</summary>
internal static class BenchCommand
{
    public static RootCommand Create()
    {
        var model = CommonOptions.Model();
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var output = new Option<string>("--out") { Description = "Folder for bench.md, bench.json and bench.png.", DefaultValueFactory = _ => "bench-out" };
        var quick = new Option<bool>("--quick") { Description = "Fewer runs; finishes in under two minutes." };
        var command = new RootCommand("Measure load, inference, decode and end-to-end HTTP latency; write bench.md, bench.json, bench.png.") { model, output, quick, threads, device };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(model)!, result.GetValue(output)!, result.GetValue(quick), result.GetValue(threads), result.GetValue(device)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string modelDirectory, string outputDirectory, bool quick, int threads, string device, CancellationToken cancellationToken)
    {
        ModelFiles files;
        try
        {
            files = ModelFiles.Read(modelDirectory);
        }
        catch (ModelLoadException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return CommandLineRunner.UsageError;
        }

        var settings = new BenchSettings(files, quick, threads > 0 ? threads : Environment.ProcessorCount, device);
        var runner = new BenchRunner(settings);
        BenchReport report;
        if (Console.IsOutputRedirected)
        {
            report = await runner.RunAsync(step => Console.Error.WriteLine($"bench: {step}"), cancellationToken);
        }
        else
        {
            report = null!;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("bench", maxValue: BenchRunner.Steps);
                    report = await runner.RunAsync(
                        step =>
                        {
                            task.Description = Markup.Escape(step);
                            task.Increment(1);
                        },
                        cancellationToken);
                    task.Description = "done";
                });
        }

        await ReportWriter.WriteAsync(report, outputDirectory, cancellationToken);
        Console.WriteLine(ReportWriter.Markdown(report));
        Console.WriteLine($"Wrote {Path.GetFullPath(Path.Combine(outputDirectory, "bench.md"))}, bench.json and bench.png.");
        return CommandLineRunner.Success;
    }
}
