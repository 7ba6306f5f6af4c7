namespace ImageClassifier.Errors;

/// <summary>Why the engine refused one image: a stable <see cref="ImageErrorCode"/> and a message for the person who sent it.</summary>
public readonly record struct ImageRejection(string Code, string Message)
{
    /// <summary>The same rejection as an exception, for callers that classify one image and throw.</summary>
    public ImageRejectedException ToException() => new(Code, Message);
}
