namespace ImageClassifier.Errors;

/// <summary>The model directory is missing or inconsistent. The message names the file and the setting to fix; hosts stop at start-up on it.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates a model error with a message that says what to do.</summary>
    public ModelLoadException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
