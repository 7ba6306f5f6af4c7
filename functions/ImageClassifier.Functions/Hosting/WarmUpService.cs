using ImageClassifier.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Hosting;

/// <summary>
/// Starts loading the model the moment the worker starts, in parallel with the rest of host start-up, then runs one
/// dummy inference. Requests that arrive first wait for this same load (the engine loads once). Also makes sure the
/// labels table exists; that is best-effort, since in Azure the infrastructure creates it.
/// </summary>
internal sealed class WarmUpService(ClassifierEngine engine, LabelStore store, ILogger<WarmUpService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warmUp = engine.WarmUpAsync(stoppingToken);
        try
        {
            await store.EnsureCreatedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TableNotEnsured(logger, store.TableName, ex.Message);
        }

        try
        {
            await warmUp;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The engine has logged why, once; health and classification answer 503 model_unavailable.
        }
    }
}
