using ImageClassifier.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Keeps an instance and its loaded model alive between sparse requests. Unneeded (set KeepWarmEnabled=false) where
/// Flex Consumption always-ready instances or Container Apps minReplicas: 1 already keep one warm.
/// </summary>
public sealed class KeepWarmFunction(ClassifierEngine engine, IOptionsMonitor<KeepWarmOptions> options, ILogger<KeepWarmFunction> logger)
{
    [Function("KeepWarm")]
    public async Task Run([TimerTrigger("%KeepWarmSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.KeepWarmEnabled)
        {
            return;
        }

        var report = await engine.WarmUpAsync(cancellationToken);
        Log.KeepWarm(logger, report.Model.ToString());
    }
}
