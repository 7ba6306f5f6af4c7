using ImageClassifier.Errors;
using ImageClassifier.Functions.Http;
using ImageClassifier.Results;
using ImageClassifier.Storage;
using ImageClassifier.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Triggers;

/// <summary><c>POST /api/classify</c>: labels the image body, or each file of a multipart body, and stores the results.</summary>
public sealed class ClassifyFunction(ClassifierEngine engine, UploadReader reader, UploadRecorder recorder, ILogger<ClassifyFunction> logger)
{
    [Function("Classify")]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "classify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var telemetry = ClassificationScope.Start(TelemetryNames.Http);
        try
        {
            return await ClassifyAsync(request, telemetry, cancellationToken);
        }
        catch (Exception)
        {
            telemetry.Complete(TelemetryNames.Error);
            throw;
        }
    }

    private async Task<IResult> ClassifyAsync(HttpRequest request, ClassificationScope telemetry, CancellationToken cancellationToken)
    {
        ClassifyQuery query;
        Upload upload;
        try
        {
            query = ClassifyQuery.Parse(request.Query, engine.DefaultTop);
            upload = await reader.ReadAsync(request, cancellationToken);
        }
        catch (UploadRejectedException ex)
        {
            Log.Rejected(logger, ex.Status, ex.Code, ex.Message);
            telemetry.Complete(TelemetryNames.Failed, ex.Code);
            return Problems.For(ex);
        }

        using (upload)
        {
            // A new instance answers with its model, not with a refusal: wait for the warm-up, within bounds.
            var readiness = await engine.WaitUntilReadyAsync(cancellationToken);
            if (readiness != ModelReadiness.Ready)
            {
                telemetry.Complete(TelemetryNames.Unavailable);
                return Problems.NotReady(readiness);
            }

            var images = upload.Images;
            IReadOnlyList<ClassificationOutcome> outcomes;
            try
            {
                outcomes = await engine.ClassifyBatchAsync(images.Select(i => i.Content).ToArray(), query.Top, cancellationToken);
            }
            catch (ServerBusyException ex)
            {
                // The upload was admitted but its pixels found no room in time: other decodes held it.
                Log.Rejected(logger, StatusCodes.Status503ServiceUnavailable, Problems.BusyCode, ex.Message);
                telemetry.Complete(TelemetryNames.Failed, Problems.BusyCode);
                return Problems.Busy(ex.Message);
            }

            var storedIds = query.Store
                ? await recorder.RecordAsync(outcomes, images.Select(i => i.FileName).ToArray(), cancellationToken)
                : new string?[images.Count];
            if (ClassifyAnswer.FirstRejectionIfAllFailed(outcomes) is { } first)
            {
                Log.Rejected(logger, Problems.StatusFor(first.Code), first.Code, first.Message);
            }

            var answer = ClassifyAnswer.Create(images, outcomes, storedIds);
            telemetry.Complete(outcomes);
            return answer;
        }
    }
}
