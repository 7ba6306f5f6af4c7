using ImageClassifier.Functions.Hosting;
using ImageClassifier.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemExceptionMiddleware>();
builder.Services.AddImageLabelling(builder.Configuration);
builder.Build().Run();
