using ImageClassifier.Errors;
using ImageClassifier.Results;
using Microsoft.AspNetCore.Http;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// Shapes the answer of <c>POST /api/classify</c>: a raw body answers with one object (or its problem); a multipart
/// body with an array in upload order, unless every file failed, which is a problem carrying the items.
/// </summary>
public static class ClassifyAnswer
{
    /// <summary>The answer for <paramref name="outcomes"/>, with the ids they were stored under (null: not stored).</summary>
    public static IResult Create(IReadOnlyList<UploadedImage> images, IReadOnlyList<ClassificationOutcome> outcomes, IReadOnlyList<string?> storedIds)
    {
        var items = new ClassifyItem[images.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var outcome = outcomes[i];
            items[i] = outcome.Succeeded
                ? Labelled(outcome.Result, images[i].FileName, storedIds[i])
                : Refused(outcome.Rejection.Value, images[i].FileName);
        }

        var multipart = images[0].FileName is not null;
        if (FirstRejectionIfAllFailed(outcomes) is { } first)
        {
            return multipart
                ? Problems.Create(Problems.StatusFor(first.Code), first.Code, first.Message, new Dictionary<string, object?> { ["items"] = items })
                : Problems.For(first);
        }

        return multipart ? TypedResults.Json(items) : TypedResults.Json(items[0]);
    }

    /// <summary>The first rejection when no image was labelled; null when at least one was.</summary>
    public static ImageRejection? FirstRejectionIfAllFailed(IReadOnlyList<ClassificationOutcome> outcomes) =>
        outcomes.Any(o => o.Succeeded) ? null : outcomes[0].Rejection;

    private static ClassifyResponse Labelled(ClassificationResult result, string? fileName, string? storedId) =>
        new(storedId, fileName, result.Model, result.Labels, result.Timings, result.Image, storedId is not null);

    private static ClassifyItemError Refused(ImageRejection rejection, string? fileName) =>
        new(fileName, new ItemError(rejection.Code, Problems.StatusFor(rejection.Code), rejection.Message));
}
