namespace ImageClassifier.Errors;

/// <summary>The input cannot be classified for a reason the caller can act on. <see cref="Code"/> is one of <see cref="ImageErrorCode"/>.</summary>
public sealed class ImageRejectedException : Exception
{
    /// <summary>Creates a rejection with a stable code and a message meant for the person who sent the image.</summary>
    public ImageRejectedException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>One of the <see cref="ImageErrorCode"/> constants.</summary>
    public string Code { get; }

    /// <summary>The rejection as a value.</summary>
    public ImageRejection Rejection => new(Code, Message);
}
