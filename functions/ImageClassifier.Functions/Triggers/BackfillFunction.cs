using ImageClassifier.Backfill;
using ImageClassifier.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.Functions.Triggers;

/// <summary>
/// Starts a backfill (<c>POST /api/backfill</c>: 202 with the job id and its <c>Location</c>) and reports on one
/// (<c>GET /api/backfill/{jobId}</c>). The work runs in <see cref="BackfillListFunction"/> and
/// <see cref="BackfillItemFunction"/>, scaled out by the platform over their queues.
/// </summary>
public sealed class BackfillFunction(BackfillJobs jobs)
{
    [Function("StartBackfill")]
    public async Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "backfill")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await BackfillRequest.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (await jobs.StartAsync(body.Container, body.Prefix, body.Mode, cancellationToken) is not { } job)
        {
            return Problems.Create(Problems.StatusFor(BackfillRequest.ContainerNotFoundCode), BackfillRequest.ContainerNotFoundCode, $"Container '{body.Container}' does not exist.");
        }

        var location = $"/api/backfill/{job}";
        return TypedResults.Accepted(location, new { id = job, container = body.Container, prefix = body.Prefix, mode = BackfillJobs.ModeName(body.Mode), status = location });
    }

    [Function("GetBackfill")]
    public async Task<IResult> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "backfill/{jobId}")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken) =>
        await jobs.StatusAsync(jobId, cancellationToken) is { } status
            ? TypedResults.Json(status)
            : Problems.NotFound($"No backfill job has id '{jobId}'.");
}
