using System.Diagnostics;
using ImageClassifier.Inference;
using ImageClassifier.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Cli.Bench;

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
    public static Stats BareRun(string modelPath, float[] input, int threads, int runs)
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

        return Stats.Of(Enumerable.Range(0, runs).Select(_ => Once()).ToArray());
    }

    /// <summary>The engine's session: batch 1 latency, then throughput for each batch size (on a batchable copy when needed).</summary>
    public static (Stats Batch1, List<BatchFigure> Batches, string Note) Engine(ModelFiles files, ClassifierOptions options, float[] input, int runs, int[] batchSizes, string scratch)
    {
        using var session = ModelSession.Open(files, options, NullLogger.Instance);
        var batch1 = Stats.Of(Time(session, input, 1, runs).ToArray());
        string note;
        ModelSession batchable;
        if (session.DynamicBatch)
        {
            batchable = session;
            note = "the model's batch dimension is dynamic";
        }
        else
        {
            // Bench only: a copy of the graph with a symbolic batch dimension.
            var directory = Path.Combine(scratch, "batchable");
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, ModelFiles.ModelFileName), BatchableModel.Rewrite(File.ReadAllBytes(files.ModelPath), session.InputName));
            File.Copy(Path.Combine(files.Directory, ModelFiles.LabelsFileName), Path.Combine(directory, ModelFiles.LabelsFileName), overwrite: true);
            batchable = ModelSession.Open(ModelFiles.Read(directory), options, NullLogger.Instance);
            note = "the model's batch dimension is fixed at 1; batch rows use a copy with a symbolic batch dimension, made by bench";
        }

        try
        {
            var batches = new List<BatchFigure>();
            foreach (var batch in batchSizes)
            {
                var repeated = new float[input.Length * batch];
                for (var b = 0; b < batch; b++)
                {
                    input.CopyTo(repeated, b * input.Length);
                }

                var samples = Time(batchable, repeated, batch, Math.Max(3, runs / batch));
                var msPerImage = samples.Average() / batch;
                batches.Add(new BatchFigure(batch, 1000.0 / msPerImage, msPerImage));
            }

            return (batch1, batches, note);
        }
        finally
        {
            if (!ReferenceEquals(batchable, session))
            {
                batchable.Dispose();
            }
        }
    }

    private static List<double> Time(ModelSession session, float[] input, int batch, int runs)
    {
        var output = new float[session.Classes * batch];
        for (var i = 0; i < 3; i++)
        {
            session.Run(input, batch, output, CancellationToken.None);
        }

        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            session.Run(input, batch, output, CancellationToken.None);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return samples;
    }

    private static double LoadOnce(string modelPath)
    {
        var started = Stopwatch.GetTimestamp();
        using var session = new InferenceSession(modelPath);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
