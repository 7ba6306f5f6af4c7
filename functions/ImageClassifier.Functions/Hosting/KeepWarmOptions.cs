namespace ImageClassifier.Functions.Hosting;

/// <summary>Keep-warm timer settings (app settings <c>KeepWarmEnabled</c>, <c>KeepWarmSchedule</c>).</summary>
public sealed class KeepWarmOptions
{
    /// <summary>False where always-ready instances (Flex) or <c>minReplicas: 1</c> (Container Apps) keep an instance warm anyway.</summary>
    public bool KeepWarmEnabled { get; set; } = true;
}
