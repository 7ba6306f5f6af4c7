using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace ImageClassifier.Functions.Http;

/// <summary>
/// Worker middleware that answers an exception escaping an HTTP function with a problem body instead of the host's
/// empty 500 (the pattern of the worker's middleware sample, Azure/azure-functions-dotnet-worker
/// samples/CustomMiddleware/ExceptionHandlingMiddleware.cs). Unknown routes and wrong methods never reach the worker:
/// the Functions host answers them itself.
/// </summary>
public sealed class ProblemExceptionMiddleware(ILogger<ProblemExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http && !http.RequestAborted.IsCancellationRequested)
        {
            await ProblemResponses.WriteAsync(http, ex, logger);
        }
    }
}
