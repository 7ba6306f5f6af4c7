using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ImageClassifier.Errors;
using ImageClassifier.Models;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace ImageClassifier.Inference;

/// <summary>
/// Opens the session for a model directory: prefers an already optimised copy (run-time cache, then publish-time),
/// loaded without repeating the optimisation; a copy that fails to load is skipped, and deleted when it is the run-time
/// one. The session is checked against the directory's labels and preprocessing before it is handed out.
/// </summary>
public static class ModelLoader
{
    // The publish-time copy already holds the hardware-independent rewrites; the CPU-specific layout pass still runs.
    private const GraphOptimizationLevel PublishedLoadLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// Reads the model directory and opens its session. When no optimised copy can be there (a new instance), model.onnx
    /// is what loads, so its session load starts at once while the file is hashed on another core (the hash names the
    /// model in results and keys the optimised copies): the hash of a 45-64 MB graph no longer precedes the load.
    /// Errors in the directory itself (labels, model.json) win over ONNX Runtime's.
    /// </summary>
    public static ModelSession Open(string directory, ClassifierOptions options, ILogger logger)
    {
        if (OptimizedModels.MayExist(Path.GetFullPath(directory), options, options.ExecutionProvider)
            || ModelFiles.FindMissing(directory) is not null)
        {
            return Open(ModelFiles.Read(directory), options, logger);
        }

        // A thread of its own: at start-up the pool's few threads are busy with the host's own work.
        var reading = Task.Factory.StartNew(() => ModelFiles.Read(directory), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        (InferenceSession Session, ExecutionProvider Provider)? created = null;
        ExceptionDispatchInfo? refused = null;
        var modelPath = Path.Combine(Path.GetFullPath(directory), ModelFiles.ModelFileName);
        try
        {
            created = Create(modelPath, InferenceTuning.GraphOptimization, ModelSource.Original, modelPath, options, logger);
        }
        catch (Exception ex)
        {
            // Any failure, ONNX Runtime's library missing included, waits until the directory has been read.
            refused = ExceptionDispatchInfo.Capture(ex);
        }

        ModelFiles files;
        try
        {
            files = reading.GetAwaiter().GetResult();
        }
        catch
        {
            created?.Session.Dispose();
            throw;
        }

        refused?.Throw();
        return Checked(files, created!.Value, ModelSource.Original);
    }

    /// <summary>Creates and checks the session; every failure is a <see cref="ModelLoadException"/> that says what to fix.</summary>
    public static ModelSession Open(ModelFiles files, ClassifierOptions options, ILogger logger)
    {
        foreach (var (path, level, source) in Candidates(files, options))
        {
            if (Create(path, level, source, files.ModelPath, options, logger) is { } created)
            {
                return Checked(files, created, source);
            }
        }

        throw new UnreachableException("model.onnx itself is always the last candidate.");
    }

    /// <summary>Writes the run-time optimised copy for this machine, unless the session already came from it.</summary>
    internal static void SaveRuntimeCopy(ModelSession session, ClassifierOptions options)
    {
        if (session.LoadedFrom == ModelSource.RuntimeCache)
        {
            return;
        }

        var target = OptimizedModels.RuntimePath(session.Files, options, session.ExecutionProvider, InferenceTuning.GraphOptimization);
        OptimizedModels.Write(session.Files, target, InferenceTuning.GraphOptimization, o => SessionFactory.Configure(o, options.IntraOpThreads, session.ExecutionProvider));
    }

    // Optimised copies that exist, best first, then model.onnx itself (its absence is ONNX Runtime's error to report).
    private static IEnumerable<(string Path, GraphOptimizationLevel Level, ModelSource Source)> Candidates(ModelFiles files, ClassifierOptions options)
    {
        var provider = options.ExecutionProvider;
        var runtimeCopy = OptimizedModels.RuntimePath(files, options, provider, InferenceTuning.GraphOptimization);
        if (File.Exists(runtimeCopy))
        {
            yield return (runtimeCopy, GraphOptimizationLevel.ORT_DISABLE_ALL, ModelSource.RuntimeCache);
        }

        var publishedCopy = OptimizedModels.PublishedPath(files, provider);
        if (File.Exists(publishedCopy))
        {
            yield return (publishedCopy, PublishedLoadLevel, ModelSource.Published);
        }

        yield return (files.ModelPath, InferenceTuning.GraphOptimization, ModelSource.Original);
    }

    // The session on one candidate; null when an optimised copy fails to load (skipped, and deleted when it is the
    // run-time one), a ModelLoadException when model.onnx itself does.
    private static (InferenceSession Session, ExecutionProvider Provider)? Create(string path, GraphOptimizationLevel level, ModelSource source, string modelPath, ClassifierOptions options, ILogger logger)
    {
        try
        {
            return SessionFactory.Create(path, level, options, logger);
        }
        catch (OnnxRuntimeException ex) when (source != ModelSource.Original)
        {
            Log.OptimizedCopyRejected(logger, path, ex.Message);
            if (source == ModelSource.RuntimeCache)
            {
                TryDelete(path);
            }

            return null;
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"ONNX Runtime cannot load '{modelPath}': {ex.Message}", ex);
        }
    }

    // The session checked against the directory's labels and preprocessing; disposed when it does not fit them.
    private static ModelSession Checked(ModelFiles files, (InferenceSession Session, ExecutionProvider Provider) created, ModelSource source)
    {
        try
        {
            var contract = GraphContract.Check(files, created.Session);
            NativeHeap.Trim();
            return new ModelSession(files, created.Session, contract, created.Provider, source);
        }
        catch
        {
            created.Session.Dispose();
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next start to skip again; the original loads either way.
        }
    }
}
