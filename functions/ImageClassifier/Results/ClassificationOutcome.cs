using ImageClassifier.Errors;

namespace ImageClassifier.Results;

/// <summary>One item of a batch: a result, or the typed rejection of that image alone.</summary>
public sealed record ClassificationOutcome(ClassificationResult? Result, ImageRejectedException? Error)
{
    /// <summary>True when the image was labelled.</summary>
    public bool Succeeded => Result is not null;
}
