using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ImageClassifier.Backfill;
using ImageClassifier.Cli.Serve.Events;
using ImageClassifier.Cli.Serve.Queues;
using ImageClassifier.Functions.Events;
using ImageClassifier.Functions.Triggers;
using ImageClassifier.Functions.Hosting;
using ImageClassifier.Functions.Http;
using ImageClassifier.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ImageClassifier.Cli.Serve;

/// <summary>
/// Serves the function app's own function classes on ASP.NET Core, with the same routes under <c>/api</c>, without
/// Azure or Core Tools. Queue-triggered functions run under <see cref="LocalQueueTriggers"/>, the stand-in for the
/// host's queue listeners, fed by <see cref="LocalEventGrid"/>, the stand-in for Event Grid.
/// </summary>
public static class LocalRunner
{
    /// <summary>Default listen address, the same as <c>func start</c>'s.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Builds the app; <paramref name="settings"/> override environment variables, which override the local defaults.</summary>
    /// <param name="urls">Address to listen on.</param>
    /// <param name="settings">Settings that win over environment variables.</param>
    /// <param name="watchBlobs">Run the local stand-ins for Event Grid and for the host's queue listeners.</param>
    /// <param name="logging">Extra logging configuration.</param>
    /// <param name="engine">An engine already loading (serve starts it before the host is built); null lets DI create one.</param>
    public static WebApplication Build(string urls, IReadOnlyDictionary<string, string?> settings, bool watchBlobs = true, Action<ILoggingBuilder>? logging = null, ClassifierEngine? engine = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [StorageConnection.SettingName] = "UseDevelopmentStorage=true",
                [BlobEventReader.QueueSetting] = BlobEventReader.DefaultQueue,
                [BackfillOptions.PagesQueueSetting] = new BackfillOptions().BackfillPagesQueue,
                [BackfillOptions.ItemsQueueSetting] = new BackfillOptions().BackfillItemsQueue,
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft"] = "Warning",
                ["Logging:LogLevel:Azure"] = "Warning",
                // CreateIfNotExists answers 409 for resources that exist; the SDK logs each as a warning.
                ["Logging:LogLevel:Azure.Core"] = "Error",
            },
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(urls);
        // Uploads are bounded by the function's own reader, which answers 413 with a problem body.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        logging?.Invoke(builder.Logging);
        // The worker's exporters, without the Functions-specific defaults: OTEL_EXPORTER_OTLP_ENDPOINT sends serve's
        // spans and metrics to a local collector. ASP.NET Core's own request span stands in for the host's: without a
        // listener it is still created, unsampled, and would take the classify spans beneath it out of the trace.
        builder.Services.AddTelemetryExport(builder.Configuration)?.WithTracing(tracing => tracing.AddSource("Microsoft.AspNetCore"));
        builder.Services.AddImageLabelling(builder.Configuration);
        if (engine is not null)
        {
            builder.Services.AddSingleton(engine);
        }

        if (watchBlobs)
        {
            builder.Services.AddSingleton<QueueSignal>();
            builder.Services.AddHostedService<LocalQueueTriggers>();
            builder.Services.AddHostedService<LocalEventGrid>();
        }

        var app = builder.Build();
        app.UseProblemResponses();
        MapFunctions(app);
        return app;
    }

    /// <summary>Creates the images container, the labels table and the blob events queue if missing.</summary>
    public static async Task PrepareStorageAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(options.ImagesContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await services.GetRequiredService<TableServiceClient>().CreateTableIfNotExistsAsync(options.LabelsTable, cancellationToken);
        var events = services.GetRequiredService<IConfiguration>()[BlobEventReader.QueueSetting] ?? BlobEventReader.DefaultQueue;
        await services.GetRequiredService<QueueServiceClient>().GetQueueClient(events).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    // The same routes and methods as functions.metadata; each request gets a new function instance, as in the host.
    // Plain request delegates: a handler with parameters to bind would have ASP.NET Core generate and compile code for
    // every endpoint on the first request, on a new instance's critical path (docs/performance.md, "Cold start").
    private static void MapFunctions(WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/classify", Answer((r, _) => Create<ClassifyFunction>(r).Run(r, r.HttpContext.RequestAborted)));
        api.MapGet("/labels/{id}", Answer((r, route) => Create<LabelsFunction>(r).ById(r, route("id"), r.HttpContext.RequestAborted)));
        api.MapGet("/labels/{container}/{*blobName}", Answer((r, route) => Create<LabelsFunction>(r).ByBlob(r, route("container"), route("blobName"), r.HttpContext.RequestAborted)));
        api.MapPost("/backfill", Answer((r, _) => Create<BackfillFunction>(r).Start(r, r.HttpContext.RequestAborted)));
        api.MapGet("/backfill/{jobId}", Answer((r, route) => Create<BackfillFunction>(r).Status(r, route("jobId"), r.HttpContext.RequestAborted)));
        api.MapGet("/health", Answer((r, _) => Task.FromResult(Create<HealthFunction>(r).Run(r))));
        api.MapGet("/page", Answer((r, _) => Task.FromResult(Create<PageFunction>(r).Run(r))));
    }

    // Runs a function with the request and its route values, and writes the IResult it returns.
    private static RequestDelegate Answer(Func<HttpRequest, Func<string, string>, Task<IResult>> function) => async context =>
    {
        var request = context.Request;
        var result = await function(request, name => request.RouteValues[name] as string ?? string.Empty);
        await result.ExecuteAsync(context);
    };

    private static T Create<T>(HttpRequest request) => ActivatorUtilities.CreateInstance<T>(request.HttpContext.RequestServices);
}
