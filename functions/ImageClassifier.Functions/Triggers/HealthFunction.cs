using ImageClassifier.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.Functions.Triggers;

/// <summary><c>GET /api/health</c>: 200 with the model and warm-up timings once the model answers, 503 before (the platform's probe and the deploy smoke test).</summary>
public sealed class HealthFunction(ClassifierEngine engine)
{
    [Function("Health")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        engine.WarmUp is { } warm
            ? TypedResults.Json(new { status = "ready", model = warm.Model, executionProvider = warm.ExecutionProvider, warmUp = new { loadMs = warm.LoadMs, firstRunMs = warm.FirstRunMs } })
            : Problems.NotReady(engine.Readiness);
}
