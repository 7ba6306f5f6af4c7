using System.Diagnostics;
using ImageClassifier.Errors;
using ImageClassifier.Functions.Http;
using ImageClassifier.Results;
using ImageClassifier.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageClassifier.Functions.Functions;

/// <summary><c>POST /api/classify</c>: labels the image body, or each file of a multipart body, and stores the results.</summary>
public sealed class ClassifyFunction(ClassifierEngine engine, UploadReader reader, LabelStore store, IOptions<LabelStoreOptions> options, ILogger<ClassifyFunction> logger)
{
    [Function("Classify")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "classify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<UploadedImage> images;
        ClassifyQuery query;
        try
        {
            query = ClassifyQuery.Parse(request.Query, engine.DefaultTop);
            images = await reader.ReadAsync(request, cancellationToken);
        }
        catch (UploadRejectedException ex)
        {
            Log.Rejected(logger, ex.Status, ex.Code, ex.Message);
            return Problems.For(ex);
        }
        catch (ImageRejectedException ex)
        {
            Log.Rejected(logger, Problems.StatusFor(ex.Code), ex.Code, ex.Message);
            return Problems.For(ex);
        }

        try
        {
            var outcomes = await engine.ClassifyBatchAsync(images.Select(i => i.Content).ToArray(), query.Top, cancellationToken);
            var stored = query.Store ? await StoreAsync(images, outcomes, cancellationToken) : new string?[images.Count];
            var totalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var items = new object[images.Count];
            for (var i = 0; i < images.Count; i++)
            {
                items[i] = outcomes[i].Result is { } result
                    ? Respond(result, images[i].FileName, stored[i], totalMs)
                    : new ClassifyItemError(images[i].FileName, new ItemError(outcomes[i].Error!.Code, Problems.StatusFor(outcomes[i].Error!.Code), outcomes[i].Error!.Message));
            }

            return Answer(images, outcomes, items);
        }
        catch (ModelLoadException ex)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "model_unavailable", ex.Message);
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    // A raw body answers with one object (or its problem); a multipart body with an array in upload order, unless every file failed.
    private IResult Answer(IReadOnlyList<UploadedImage> images, IReadOnlyList<ClassificationOutcome> outcomes, object[] items)
    {
        var multipart = images[0].FileName is not null;
        if (outcomes.All(o => !o.Succeeded))
        {
            var first = outcomes[0].Error!;
            Log.Rejected(logger, Problems.StatusFor(first.Code), first.Code, first.Message);
            return multipart
                ? Problems.Create(Problems.StatusFor(first.Code), first.Code, first.Message, new Dictionary<string, object?> { ["items"] = items })
                : Problems.For(first);
        }

        return multipart ? TypedResults.Json(items) : TypedResults.Json(items[0]);
    }

    private static ClassifyResponse Respond(ClassificationResult result, string? fileName, string? storedId, double totalMs) =>
        new(
            storedId ?? TableKeys.NewUploadId(),
            fileName,
            result.Model,
            result.Labels,
            result.Timings with { TotalMs = totalMs },
            result.Image,
            storedId is not null);

    // Returns, per image, the id under which its result was stored, or null when it was not (failure or storage outage).
    private async Task<string?[]> StoreAsync(IReadOnlyList<UploadedImage> images, IReadOnlyList<ClassificationOutcome> outcomes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.StoreTimeout);
        var saves = new Task<string?>[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            saves[i] = outcomes[i].Result is { } result ? SaveAsync(images[i], result, timeout.Token) : Task.FromResult<string?>(null);
        }

        return await Task.WhenAll(saves);
    }

    private async Task<string?> SaveAsync(UploadedImage image, ClassificationResult result, CancellationToken cancellationToken)
    {
        var id = TableKeys.NewUploadId();
        var (partition, row) = TableKeys.ForUpload(id);
        var record = new LabelRecord
        {
            PartitionKey = partition,
            RowKey = row,
            Source = "http",
            Id = id,
            FileName = image.FileName,
            ContentSha256 = result.ContentSha256,
            Length = image.Length,
            ProcessedAt = DateTimeOffset.UtcNow,
        }.WithResult(result);
        try
        {
            await store.SaveAsync(record, cancellationToken);
            return id;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            // Classification succeeded; losing the table write must not fail the request. The answer says stored: false.
            Log.NotStored(logger, id, ex.Message);
            return null;
        }
    }
}
