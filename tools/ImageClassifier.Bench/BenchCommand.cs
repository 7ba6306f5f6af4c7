using System.CommandLine;
using ImageClassifier.Cli;
using ImageClassifier.Cli.Commands;
using ImageClassifier.Cli.Settings;
using ImageClassifier.Errors;
using ImageClassifier.Models;
using Spectre.Console;

namespace ImageClassifier.Bench;

/// <summary><c>imgclass-bench --model DIR [--out DIR] [--quick] [--reference-model DIR]</c>: the published study's table, measured on this machine.</summary>
internal static class BenchCommand
{
    public static RootCommand Create()
    {
        var common = new CommonOptions();
        var output = new Option<string>("--out") { Description = "Folder for bench.md, bench.json and bench.png.", DefaultValueFactory = _ => "bench-out" };
        var quick = new Option<bool>("--quick") { Description = "Fewer runs; about ten minutes on two cores." };
        var reference = new Option<string?>("--reference-model")
        {
            Description = "A model folder that loads much faster than --model (for example ../shared/models/mobilenetv2-int8): serve is also started with it, alternating, to show how much of the start-up ratio is the host rather than the model load.",
        };
        var backfillOnly = new Option<bool>("--backfill-only") { Description = "Only backfill beside classify over 1,000 generated images (work items of 16, 4 and 64; 16 with --quick); print the table, write nothing." };
        var command = common.AddTo(new RootCommand("Measure load, inference, decode and end-to-end HTTP latency; write bench.md, bench.json, bench.png.") { output, quick, backfillOnly, reference });
        command.SetAction((result, cancellationToken) => RunAsync(common.Read(result), result.GetValue(output)!, result.GetValue(quick), result.GetValue(backfillOnly), result.GetValue(reference), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SettingOverrides overrides, string outputDirectory, bool quick, bool backfillOnly, string? referenceDirectory, CancellationToken cancellationToken)
    {
        var options = EngineFactory.Options(overrides);
        ModelFiles files;
        ModelFiles? reference;
        try
        {
            files = ModelFiles.Read(options.ResolveModelDirectory());
            reference = referenceDirectory is null ? null : ModelFiles.Read(Path.GetFullPath(referenceDirectory));
        }
        catch (ModelLoadException ex)
        {
            return CommandLineRunner.ReportModelError(ex);
        }

        var threads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount;
        var settings = new BenchSettings(files, quick, threads, options.ExecutionProvider.ToString().ToLowerInvariant()) { Reference = reference };
        if (backfillOnly)
        {
            return await BackfillOnlyAsync(settings, cancellationToken);
        }

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

    private static async Task<int> BackfillOnlyAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("bench-").FullName;
        try
        {
            var cli = await Publisher.PublishCliAsync(scratch, cancellationToken);
            var figures = await new BackfillBench(settings, scratch, cli).MeasureAsync(BenchRunner.ColdInstance(scratch), cancellationToken);
            foreach (var line in figures.Markdown())
            {
                Console.WriteLine(line);
            }

            return CommandLineRunner.Success;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
