namespace ImageClassifier.Functions.Http;

/// <summary>The request itself (not an image in it) cannot be accepted: wrong media type, too big, no files, bad query.</summary>
public sealed class UploadRejectedException(int status, string code, string message) : Exception(message)
{
    /// <summary>HTTP status to answer with.</summary>
    public int Status { get; } = status;

    /// <summary>Stable error code for the problem body.</summary>
    public string Code { get; } = code;
}
