using ImageClassifier.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.Functions.Functions;

/// <summary><c>GET /api/health</c>: 200 with the model and warm-up timings once the model answers, 503 before (the platform's probe and the deploy smoke test).</summary>
public sealed class HealthFunction(ClassifierEngine engine)
{
    [Function("Health")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        if (engine.WarmUp is { } warm)
        {
            return TypedResults.Json(new { status = "ready", model = warm.Model, executionProvider = warm.ExecutionProvider, warmUp = new { loadMs = warm.LoadMs, firstRunMs = warm.FirstRunMs } });
        }

        return engine.LoadFailure is { } failure
            ? Problems.Create(StatusCodes.Status503ServiceUnavailable, "model_unavailable", failure.Message)
            : Problems.Create(StatusCodes.Status503ServiceUnavailable, "warming_up", "The model is loading; try again in a few seconds.");
    }
}
