using ImageClassifier.Cli.Serve;
using ImageClassifier.Cli.Serve.Queues;
using ImageClassifier.Functions.Triggers;
using Microsoft.Extensions.Configuration;

namespace ImageClassifier.IntegrationTests;

/// <summary>The local runner stands in for the host's queue listeners: the same functions, queues and host.json settings.</summary>
public sealed class LocalQueueTriggerTests
{
    [Fact]
    public void Local_runner_drives_every_queue_trigger_of_functions_metadata_on_its_resolved_queue()
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["ImageEventsQueue"] = "events", ["BackfillPagesQueue"] = "pages", ["BackfillItemsQueue"] = "items" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var expected = FunctionsMetadata.All
            .Select(f => (Name: (string)f["name"]!, Trigger: FunctionsMetadata.Trigger((string)f["name"]!)))
            .Where(f => (string)f.Trigger["type"]! == "queueTrigger")
            .Select(f => $"{f.Name} {settings.Aggregate((string)f.Trigger["queueName"]!, (queue, s) => queue.Replace($"%{s.Key}%", s.Value))}")
            .Order(StringComparer.Ordinal);

        // Act
        var driven = QueueTriggeredFunction.Discover(typeof(ClassifyBlobFunction).Assembly, configuration)
            .Select(f => $"{f.Name} {f.Queue}")
            .Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, driven);
    }

    [Fact]
    public void Local_queue_settings_are_the_function_apps_host_json()
    {
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "host.json")));

        Assert.Equal(HostQueueSettings.Parse(hostJson), HostQueueSettings.Load());
        Assert.Equal(5, HostQueueSettings.Load().MaxDequeueCount);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "host.json")) || !File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
