using System.Diagnostics;
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

    /// <summary>Creates and checks the session; every failure is a <see cref="ModelLoadException"/> that says what to fix.</summary>
    public static ModelSession Open(ModelFiles files, ClassifierOptions options, ILogger logger)
    {
        foreach (var (path, level, source) in Candidates(files, options))
        {
            InferenceSession session;
            ExecutionProvider provider;
            try
            {
                (session, provider) = SessionFactory.Create(path, level, options, logger);
            }
            catch (OnnxRuntimeException ex) when (source != ModelSource.Original)
            {
                Log.OptimizedCopyRejected(logger, path, ex.Message);
                if (source == ModelSource.RuntimeCache)
                {
                    TryDelete(path);
                }

                continue;
            }
            catch (OnnxRuntimeException ex)
            {
                throw new ModelLoadException($"ONNX Runtime cannot load '{files.ModelPath}': {ex.Message}", ex);
            }

            try
            {
                var contract = GraphContract.Check(files, session);
                NativeHeap.Trim();
                return new ModelSession(files, session, contract, provider, source);
            }
            catch
            {
                session.Dispose();
                throw;
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
