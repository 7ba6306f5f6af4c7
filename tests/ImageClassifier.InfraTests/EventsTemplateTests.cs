using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class EventsTemplateTests
{
    [Fact]
    public async Task System_topic_publishes_the_storage_accounts_events()
    {
        var topic = ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.EventGrid/systemTopics");

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.Properties.GetProperty("topicType").GetString());
        Assert.Contains("Microsoft.Storage/storageAccounts", topic.Properties.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Subscription_delivers_only_blob_created_events_from_the_images_container()
    {
        var events = await Templates.EventsAsync();
        var module = ArmTemplate.Resources(events).Single(r => r.Type == ArmTemplate.DeploymentType);

        var filter = Subscription(events).Properties.GetProperty("filter");

        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter.GetProperty("includedEventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[format('/blobServices/default/containers/{0}/', parameters('containerName'))]", filter.GetProperty("subjectBeginsWith").GetString());
        Assert.Equal("[parameters('imagesContainerName')]", ArmTemplate.ModuleParameter(module, "containerName"));
        Assert.Equal("images", ArmTemplate.Parameter(events, "imagesContainerName").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public async Task Subscription_delivers_to_the_classify_blob_webhook_with_the_blob_extension_key()
    {
        var events = await Templates.EventsAsync();

        var destination = Subscription(events).Properties.GetProperty("destination");
        var url = destination.GetProperty("properties").GetProperty("endpointUrl").GetString()!;

        Assert.Equal("WebHook", destination.GetProperty("endpointType").GetString());
        Assert.StartsWith("[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}'", url);
        Assert.Contains("systemKeys.blobs_extension", url);
        Assert.Equal("ClassifyBlob", ArmTemplate.Parameter(events, "functionName").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public async Task Subscription_is_not_part_of_the_main_deployment()
    {
        var main = await Templates.MainAsync();

        Assert.Empty(ArmTemplate.OfType(main, "Microsoft.EventGrid/systemTopics/eventSubscriptions"));
    }

    private static ArmResource Subscription(System.Text.Json.JsonElement events) =>
        ArmTemplate.Single(events, "Microsoft.EventGrid/systemTopics/eventSubscriptions");
}
