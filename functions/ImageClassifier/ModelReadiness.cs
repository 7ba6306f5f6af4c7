namespace ImageClassifier;

/// <summary>Whether the engine can answer now.</summary>
public enum ModelReadiness
{
    /// <summary>The model is loading or has not answered its first inference yet.</summary>
    WarmingUp,

    /// <summary>The model is loaded and has answered its first inference.</summary>
    Ready,

    /// <summary>The model cannot be loaded; the reason was logged once when it failed.</summary>
    Unavailable,
}
