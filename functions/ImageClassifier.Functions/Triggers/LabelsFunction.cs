using ImageClassifier.Functions.Http;
using ImageClassifier.Storage;
using Microsoft.AspNetCore.Http;
using Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Triggers;

/// <summary>Reads stored labels: by container and blob name, or by the id an HTTP classification returned. Both are point queries.</summary>
public sealed partial class LabelsFunction(LabelStore store, ILogger<LabelsFunction> logger)
{
    [System.Text.RegularExpressions.GeneratedRegex(StorageOptions.ContainerNamePattern)]
    private static partial System.Text.RegularExpressions.Regex ContainerName();

    [Function("GetBlobLabels")]
    public async Task<IResult> ByBlob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "labels/{container}/{*blobName}")] HttpRequest request,
        string container,
        string blobName,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(blobName))
        {
            return await ById(request, container, cancellationToken);
        }

        // Not a container name, so nothing can be stored under it; asking the table would be refused as a bad key.
        if (!ContainerName().IsMatch(container))
        {
            return Problems.NotFound($"'{container}' is not a container name, so no labels are stored under it.");
        }

        return await AnswerAsync(() => store.FindBlobAsync(container, blobName, cancellationToken), $"No labels are stored for blob '{blobName}' in container '{container}'.", cancellationToken);
    }

    [Function("GetUploadLabels")]
    public async Task<IResult> ById(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "labels/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        return await AnswerAsync(() => store.FindUploadAsync(id, cancellationToken), $"No result is stored with id '{id}'.", cancellationToken);
    }

    // Storage that cannot be reached is the service's outage, not a missing record: 503 with Retry-After. Azure.Core
    // reports a transport failure as RequestFailedException (status 0) and retries that all failed as an
    // AggregateException of them (Azure/azure-sdk-for-net sdk/core/Azure.Core/src/Pipeline/RetryPolicy.cs).
    private async Task<IResult> AnswerAsync(Func<Task<LabelRecord?>> find, string notFound, CancellationToken cancellationToken)
    {
        try
        {
            var record = await find();
            return record is null ? Problems.NotFound(notFound) : TypedResults.Json(StoredLabels.From(record));
        }
        catch (Exception ex) when (ex is AggregateException or RequestFailedException { Status: 0 or >= 500 }
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.StorageUnavailable(logger, ex.Message);
            return Problems.StorageUnavailable();
        }
    }
}
