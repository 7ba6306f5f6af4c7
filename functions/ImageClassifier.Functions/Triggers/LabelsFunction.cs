using ImageClassifier.Functions.Http;
using ImageClassifier.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.Functions.Triggers;

/// <summary>Reads stored labels: by container and blob name, or by the id an HTTP classification returned. Both are point queries.</summary>
public sealed partial class LabelsFunction(LabelStore store)
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

        var record = await store.FindBlobAsync(container, blobName, cancellationToken);
        return record is null
            ? Problems.NotFound($"No labels are stored for blob '{blobName}' in container '{container}'.")
            : TypedResults.Json(StoredLabels.From(record));
    }

    [Function("GetUploadLabels")]
    public async Task<IResult> ById(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "labels/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var record = await store.FindUploadAsync(id, cancellationToken);
        return record is null
            ? Problems.NotFound($"No result is stored with id '{id}'.")
            : TypedResults.Json(StoredLabels.From(record));
    }
}
