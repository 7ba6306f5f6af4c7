using System.Diagnostics.CodeAnalysis;
using ImageClassifier.Errors;

namespace ImageClassifier.Results;

/// <summary>One item of a batch: its result, or the rejection of that image alone.</summary>
public sealed class ClassificationOutcome
{
    private ClassificationOutcome(ClassificationResult? result, ImageRejection? rejection)
    {
        Result = result;
        Rejection = rejection;
    }

    /// <summary>The labels, when the image was labelled.</summary>
    public ClassificationResult? Result { get; }

    /// <summary>Why the image was refused, when it was.</summary>
    public ImageRejection? Rejection { get; }

    /// <summary>True when the image was labelled: <see cref="Result"/> is set, otherwise <see cref="Rejection"/> is.</summary>
    [MemberNotNullWhen(true, nameof(Result))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool Succeeded => Result is not null;

    /// <summary>An image that was labelled.</summary>
    public static ClassificationOutcome Labelled(ClassificationResult result) => new(result, null);

    /// <summary>An image that was refused.</summary>
    public static ClassificationOutcome Rejected(ImageRejection rejection) => new(null, rejection);
}
