using System.CommandLine;
using ImageClassifier.Soak;

Option<T> Option<T>(string name, string description, T value) => new(name) { Description = description, DefaultValueFactory = _ => value };

var model = Option("--model", "Model folder the runner serves (model.onnx + labels.txt).", "../shared/models/mobilenetv2-int8");
var images = Option("--images", "Folder of test photos (PNG) and truncated.jpg.", "../shared/testdata/images");
var output = Option("--out", "Folder for reliability.md, reliability.json and the runner's and Azurite's logs.", "soak-out");
var clients = Option("--clients", "Concurrent clients of the main upload run.", 64);
var fewClients = Option("--few-clients", "Concurrent clients of the second upload run.", 16);
var seconds = Option("--seconds", "Seconds of load per upload run.", 60);
var settle = Option("--settle", "Seconds memory is watched after the main upload run.", 60);
var blobs = Option("--blobs", "Blobs per blob phase (throughput, kill -9, outage).", 200);
var outageSeconds = Option("--outage-seconds", "Seconds storage stays down.", 10);
var maxBytes = Option("--max-image-bytes", "The service's upload limit; the noise image is one byte under it.", 20L * 1024 * 1024);
var cliDll = new Option<string?>("--cli-dll") { Description = "A built CLI dll to run (default: build tools/ImageClassifier.Cli in Release first)." };
var phases = Option("--phases", $"Comma-separated phases to run, of {string.Join(", ", SoakSettings.AllPhases)} (blobs: throughput, kill -9 and outage).", string.Join(",", SoakSettings.AllPhases));
var quick = new Option<bool>("--quick") { Description = "At most 20 s of load, 100 blobs and 5 s of outage; 60 s of settling only after the main run." };

var root = new RootCommand("Fault run of the local runner: hostile requests, memory under concurrent uploads, blob durability across kill -9 and a storage outage, blob throughput.")
{
    model, images, output, clients, fewClients, seconds, settle, blobs, outageSeconds, maxBytes, cliDll, phases, quick,
};
root.SetAction(async (result, _) =>
{
    var settings = new SoakSettings(
        result.GetValue(model)!, result.GetValue(output)!, result.GetValue(clients), result.GetValue(fewClients), result.GetValue(seconds),
        result.GetValue(settle), result.GetValue(blobs), result.GetValue(outageSeconds), result.GetValue(maxBytes), result.GetValue(cliDll), Quick: false)
    {
        Phases = result.GetValue(phases)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
    };
    if (settings.Phases.Except(SoakSettings.AllPhases).FirstOrDefault() is { } unknown)
    {
        await Console.Error.WriteLineAsync($"soak: --phases: '{unknown}' is not a phase; use {string.Join(", ", SoakSettings.AllPhases)}.");
        return 2;
    }

    var command = "dotnet run --project tools/ImageClassifier.Soak -c Release --" + string.Concat(args.Select(a => " " + (a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)));
    try
    {
        return await SoakRun.RunAsync(result.GetValue(quick) ? settings.Shortened() : settings, result.GetValue(images)!, command);
    }
    catch (Exception ex) when (ex is InvalidOperationException or IOException)
    {
        // Setup failed (model, images, build, node_modules, Azurite): nothing was measured.
        await Console.Error.WriteLineAsync($"soak: {ex.Message}");
        return 2;
    }
});

return await root.Parse(args).InvokeAsync();
