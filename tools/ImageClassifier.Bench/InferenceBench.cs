using System.Diagnostics;
using ImageClassifier.Models;
using ImageClassifier.Results;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Bench;

/// <summary>Session load and inference timings: bare ONNX Runtime with default options, and the engine's own session.</summary>
internal static class InferenceBench
{
    /// <summary>A deterministic input tensor (values in the normalised range) for every inference measurement.</summary>
    public static float[] Input(int size)
    {
        var random = new Random(1234);
        var input = new float[3 * size * size];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return input;
    }

    public static Stats BareLoad(string modelPath, int runs)
    {
        LoadOnce(modelPath); // managed and native code warm
        return Stats.Of(Enumerable.Range(0, runs).Select(_ => LoadOnce(modelPath)).ToArray());
    }

    /// <summary>Bare <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>; <paramref name="threads"/> 0 keeps ONNX Runtime's defaults.</summary>
    public static Stats BareRun(string modelPath, float[] input, int threads, int runs) =>
        Stats.Of(BareSamples(modelPath, input, threads, runs));

    /// <summary>The samples behind <see cref="BareRun"/>.</summary>
    public static double[] BareSamples(string modelPath, float[] input, int threads, int runs)
    {
        using var options = new SessionOptions();
        if (threads > 0)
        {
            options.IntraOpNumThreads = threads;
        }

        using var session = new InferenceSession(modelPath, options);
        var name = session.InputNames[0];
        var size = (int)Math.Sqrt(input.Length / 3);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, size, size]);
        using var runOptions = new RunOptions();
        double Once()
        {
            var started = Stopwatch.GetTimestamp();
            using var outputs = session.Run(runOptions, [name], [value], session.OutputNames);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        for (var i = 0; i < 5; i++)
        {
            Once();
        }

        return Enumerable.Range(0, runs).Select(_ => Once()).ToArray();
    }

    /// <summary>The name of the graph's first input, which the batch rewrite makes symbolic.</summary>
    public static string InputName(string modelPath)
    {
        using var session = new InferenceSession(modelPath);
        return session.InputNames[0];
    }

    /// <summary>
    /// A model directory with a dynamic batch dimension: the model's own when it has one, otherwise a rewritten copy in
    /// <paramref name="scratch"/>.
    /// </summary>
    public static (ModelFiles Files, bool Rewritten) Batchable(ModelFiles files, bool dynamicBatch, string scratch)
    {
        if (dynamicBatch)
        {
            return (files, false);
        }

        var directory = Path.Combine(scratch, Path.GetFileName(files.Directory) + "-batchable");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, ModelFiles.ModelFileName), BatchableModel.Rewrite(File.ReadAllBytes(files.ModelPath), InputName(files.ModelPath)));
        File.Copy(Path.Combine(files.Directory, ModelFiles.LabelsFileName), Path.Combine(directory, ModelFiles.LabelsFileName), overwrite: true);

        return (ModelFiles.Read(directory), true);
    }

    /// <summary>
    /// The engine's inference stage as a caller sees it (<see cref="StageTimings.InferenceMs"/>): batch 1 latency, then
    /// throughput for each batch size through <see cref="ClassifierEngine.ClassifyBatchAsync"/>, on a batchable copy when needed.
    /// </summary>
    public static async Task<(Stats Batch1, List<BatchFigure> Batches, string Note, ModelFiles BatchableFiles)> EngineAsync(
        ModelFiles files, Func<string, ClassifierEngine> engineFor, byte[] jpeg, int runs, int[] batchSizes, string scratch, CancellationToken cancellationToken)
    {
        using var engine = engineFor(files.Directory);
        var batch1 = Stats.Of(await TimeAsync(engine, jpeg, 1, runs, cancellationToken));
        var dynamicBatch = (await engine.DescribeModelAsync(cancellationToken)).DynamicBatch;
        // Bench only: a copy of a fixed-batch graph with a symbolic batch dimension.
        var (batchableFiles, rewritten) = Batchable(files, dynamicBatch, scratch);
        using var batchable = rewritten ? engineFor(batchableFiles.Directory) : null;
        var note = rewritten
            ? "the model's batch dimension is fixed at 1; batch rows, and the processes below, use a copy with a symbolic batch dimension made by bench, as the production export has"
            : "the model's batch dimension is dynamic";
        var batches = new List<BatchFigure>();
        foreach (var batch in batchSizes)
        {
            var samples = await TimeAsync(batchable ?? engine, jpeg, batch, Math.Max(3, runs / batch), cancellationToken);
            var msPerImage = samples.Average() / batch;
            batches.Add(new BatchFigure(batch, 1000.0 / msPerImage, msPerImage));
        }

        return (batch1, batches, note, batchableFiles);
    }

    // The engine runs without its result cache; for a batch the reported time is the whole run's.
    private static async Task<double[]> TimeAsync(ClassifierEngine engine, byte[] jpeg, int batch, int runs, CancellationToken cancellationToken)
    {
        var samples = new List<double>(runs);
        for (var i = -3; i < runs; i++)
        {
            var images = Enumerable.Repeat((ReadOnlyMemory<byte>)jpeg, batch).ToArray();
            var outcomes = await engine.ClassifyBatchAsync(images, cancellationToken: cancellationToken);
            var result = outcomes[0].Result ?? throw outcomes[0].Rejection!.Value.ToException();
            if (i >= 0)
            {
                samples.Add(result.Timings.InferenceMs);
            }
        }

        return [.. samples];
    }

    private static double LoadOnce(string modelPath)
    {
        var started = Stopwatch.GetTimestamp();
        using var session = new InferenceSession(modelPath);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
