using ImageClassifier.Errors;

namespace ImageClassifier.Functions.Http;

/// <summary>The request, or an image in it, cannot be accepted: wrong media type, too big, empty, no files, bad query.</summary>
public sealed class UploadRejectedException(int status, string code, string message) : Exception(message)
{
    /// <summary>A rejection of an image for a reason the engine's limits gave.</summary>
    public UploadRejectedException(ImageRejection rejection)
        : this(Problems.StatusFor(rejection.Code), rejection.Code, rejection.Message)
    {
    }

    /// <summary>HTTP status to answer with.</summary>
    public int Status { get; } = status;

    /// <summary>Stable error code for the problem body.</summary>
    public string Code { get; } = code;
}
