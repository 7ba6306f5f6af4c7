using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImageClassifier.Cli.Settings;
using ImageClassifier.Errors;
using ImageClassifier.Models;
using ImageClassifier.Results;
using Spectre.Console;

namespace ImageClassifier.Cli.Commands;

/// <summary><c>classify [--model DIR] [--top N] [--json] PATH...</c>: labels files and folders with one model load.</summary>
internal static class ClassifyCommand
{
    private const int ProgressThreshold = 8;

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var top = CommonOptions.WholeNumber("--top", "How many labels to show per image, 1-1000 (default: Classifier__TopK, else 5).", "-k");
        var json = new Option<bool>("--json") { Description = "One JSON object per line per image on stdout, nothing else." };
        var paths = new Argument<string[]>("PATH") { Description = "Image files or folders (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var command = common.AddTo(new Command("classify", "Label image files and folders.") { top, json, paths });
        command.SetAction((result, cancellationToken) => RunAsync(
            common.Read(result).Set(nameof(ClassifierOptions.TopK), "--top", result.GetValue(top)), result.GetValue(json), result.GetValue(paths)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SettingOverrides settings, bool json, string[] paths, CancellationToken cancellationToken)
    {
        // Settings first: an invalid one is refused before any file is read or the model is loaded.
        using var engine = EngineFactory.Create(settings, oneShot: true);
        List<string> files;
        try
        {
            files = ImageFiles.Expand(paths);
        }
        catch (FileNotFoundException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return CommandLineRunner.UsageError;
        }

        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync($"error: no image files found in {string.Join(", ", paths)} (looked for .jpg, .png, .webp, .gif, .bmp and similar).");
            return CommandLineRunner.UsageError;
        }

        try
        {
            await engine.WarmUpAsync(cancellationToken);
        }
        catch (ModelLoadException ex)
        {
            return CommandLineRunner.ReportModelError(ex);
        }

        var outcomes = json
            ? await ClassifyAllAsync(engine, files, WriteJsonLine, cancellationToken)
            : await ClassifyWithProgressAsync(engine, files, cancellationToken);
        if (!json)
        {
            RenderTable(files, outcomes);
        }

        return outcomes.All(o => o.Succeeded) ? CommandLineRunner.Success : CommandLineRunner.SomeFailed;
    }

    private static async Task<FileOutcome[]> ClassifyWithProgressAsync(ClassifierEngine engine, List<string> files, CancellationToken cancellationToken)
    {
        if (files.Count < ProgressThreshold || Console.IsOutputRedirected)
        {
            return await ClassifyAllAsync(engine, files, static _ => { }, cancellationToken);
        }

        FileOutcome[] outcomes = [];
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Classifying {files.Count} images", maxValue: files.Count);
                outcomes = await ClassifyAllAsync(engine, files, _ => task.Increment(1), cancellationToken);
            });
        return outcomes;
    }

    // Files are read and decoded in parallel (decoding is single-threaded; inference is not), and reported in input order.
    private static async Task<FileOutcome[]> ClassifyAllAsync(ClassifierEngine engine, List<string> files, Action<FileOutcome> onEach, CancellationToken cancellationToken)
    {
        var outcomes = new FileOutcome[files.Count];
        var next = 0;
        var gate = new object();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var outcome = await ClassifyFileAsync(engine, files[i], ct);
                lock (gate)
                {
                    outcomes[i] = outcome;
                    while (next < outcomes.Length && outcomes[next] is not null)
                    {
                        onEach(outcomes[next++]);
                    }
                }
            });
        return outcomes;
    }

    private static async Task<FileOutcome> ClassifyFileAsync(ClassifierEngine engine, string file, CancellationToken cancellationToken)
    {
        try
        {
            engine.CheckLength(new FileInfo(file).Length);
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var result = await engine.ClassifyAsync(bytes, cancellationToken: cancellationToken);
            return new FileOutcome(file, result.Labels, result.Model, result.Timings, null);
        }
        catch (ImageRejectedException ex)
        {
            return new FileOutcome(file, null, null, null, new ErrorBody(ex.Code, ex.Message));
        }
        catch (IOException ex)
        {
            return new FileOutcome(file, null, null, null, new ErrorBody("unreadable_file", ex.Message));
        }
        catch (UnauthorizedAccessException ex)
        {
            return new FileOutcome(file, null, null, null, new ErrorBody("unreadable_file", ex.Message));
        }
    }

    private static void WriteJsonLine(FileOutcome outcome) =>
        Console.Out.WriteLine(JsonSerializer.Serialize(outcome, Json));

    private static void RenderTable(List<string> files, FileOutcome[] outcomes)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("File", "Labels", "ms");
        foreach (var outcome in outcomes)
        {
            var name = Markup.Escape(outcome.File);
            if (outcome.Error is { } error)
            {
                table.AddRow(name, $"[red]{Markup.Escape(error.Code)}[/]: {Markup.Escape(error.Message)}", "");
                continue;
            }

            var labels = string.Join('\n', outcome.Labels!.Select(l => $"{Markup.Escape(l.Label)} [grey]{l.Probability:P1}[/]"));
            table.AddRow(name, labels, $"{outcome.Timings!.TotalMs:F1}");
        }

        AnsiConsole.Write(table);
        var failed = outcomes.Count(o => !o.Succeeded);
        var model = outcomes.FirstOrDefault(o => o.Model is not null)?.Model;
        AnsiConsole.MarkupLine($"{files.Count - failed} labelled, {failed} failed{(model is null ? "" : $", model {Markup.Escape(model.ToString())}")}");
    }

    private sealed record ErrorBody(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("message")] string Message);

    private sealed record FileOutcome(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("labels")] IReadOnlyList<LabelScore>? Labels,
        [property: JsonPropertyName("model")] ModelIdentity? Model,
        [property: JsonPropertyName("timings")] StageTimings? Timings,
        [property: JsonPropertyName("error")] ErrorBody? Error)
    {
        [JsonIgnore]
        public bool Succeeded => Error is null;
    }
}
