using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ImageClassifier.Backfill;
using ImageClassifier.Functions.Events;
using ImageClassifier.Functions.Http;
using ImageClassifier.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.Functions.Hosting;

/// <summary>The one place the function app (and the local runner) wires the engine, storage clients and warm-up.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the engine, the label store, the storage clients from <c>AzureWebJobsStorage</c>, and the start-up warm-up.</summary>
    public static IServiceCollection AddImageLabelling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddClassifierEngine();
        services.AddOptions<StorageOptions>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<BackfillOptions>()
            .Bind(configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var storage = new StorageConnection(configuration);
        services.AddSingleton(storage);
        services.AddAzureClients(clients =>
        {
            // Short retries: an HTTP caller waits for the table write, and a blob event is redelivered anyway.
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
            });
            clients.AddClient<TableServiceClient, TableClientOptions>(options => storage.CreateTableServiceClient(options));
            clients.AddClient<BlobServiceClient, BlobClientOptions>(options => storage.CreateBlobServiceClient(options));
            clients.AddClient<QueueServiceClient, QueueClientOptions>(options => storage.CreateQueueServiceClient(options));
        });

        services.AddSingleton<LabelStore>();
        services.AddSingleton<BlobLabeller>();
        services.AddSingleton<UploadRecorder>();
        services.AddSingleton<BlobEventReader>();
        services.AddSingleton<UploadReader>();
        services.AddSingleton<BackfillStore>();
        services.AddSingleton<BackfillQueues>();
        services.AddSingleton<BackfillLister>();
        services.AddSingleton<BackfillItemLabeller>();
        services.AddSingleton<BackfillJobs>();
        services.AddHostedService<WarmUpService>();
        return services;
    }
}
