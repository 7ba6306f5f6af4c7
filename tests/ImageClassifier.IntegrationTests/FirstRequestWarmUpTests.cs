using System.Net;
using Azure.Data.Tables;
using ImageClassifier.Cli.Serve;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// serve sends itself a health check and the engine's warm-up sample as soon as it listens, so its request path is
/// compiled while the model loads; those requests reach the runner however it listens, and store nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FirstRequestWarmUpTests(StorageFixture storage)
{
    [Theory]
    [InlineData("http://0.0.0.0:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://*:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://+:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://[::]:7071", "http://[::1]:7071/")]
    [InlineData("http://127.0.0.1:7071", "http://127.0.0.1:7071/")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/")]
    public void Wildcard_listen_addresses_are_called_on_loopback(string listening, string called)
    {
        Assert.Equal(new Uri(called), FirstRequestWarmUp.Reachable(listening));
    }

    [SkippableFact]
    public async Task Warm_up_requests_return_once_the_model_is_ready_and_store_no_labels()
    {
        // Arrange
        var names = await storage.CreateNamesAsync();
        await using var app = LocalRunner.Build("http://127.0.0.1:0", AppSettings.For(names, ("Classifier:WarmUpWait", "00:01:00")), watchBlobs: false);
        await app.StartAsync();

        // Act
        var status = await FirstRequestWarmUp.SendAsync(app.Urls.First(), TimeSpan.FromMinutes(1), CancellationToken.None);

        // Assert: the classify request waited for the model (up to the warm-up wait), and it asked not to be stored.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ModelReadiness.Ready, app.Services.GetRequiredService<ClassifierEngine>().Readiness);
        Assert.Empty(await storage.Table(names).QueryAsync<TableEntity>().ToListAsync());
        await app.StopAsync();
    }
}
