using ImageClassifier.Functions.Hosting;
using ImageClassifier.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemExceptionMiddleware>();
// Before the engine, so the warm-up's load time has a listener. The worker defaults only when exporting: they tell the
// host to stop sending the worker's logs itself (azure-functions-dotnet-worker, ConfigureFunctionsOpenTelemetry.cs).
builder.Services.AddTelemetryExport(builder.Configuration)?.UseFunctionsWorkerDefaults();
builder.Services.AddImageLabelling(builder.Configuration);
builder.Build().Run();
