using System.Text.Json;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>Blob-created events reach the storage queue that ClassifyBlob reads, by identity, with a dead-letter container.</summary>
public sealed class EventsTemplateTests
{
    private const string QueueDataMessageSender = "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    [Fact]
    public async Task System_topic_publishes_the_storage_accounts_events_with_a_system_assigned_identity()
    {
        var topic = ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.EventGrid/systemTopics");

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.Properties.GetProperty("topicType").GetString());
        Assert.Contains("Microsoft.Storage/storageAccounts", topic.Properties.GetProperty("source").GetString());
        Assert.Equal("SystemAssigned", topic.Json.GetProperty("identity").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Subscription_is_part_of_the_main_deployment_and_delivers_only_blob_created_events_from_the_images_container()
    {
        var main = await Templates.MainAsync();
        var module = ArmTemplate.Module(main, "event-delivery");

        var filter = (await SubscriptionAsync()).Properties.GetProperty("filter");

        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter.GetProperty("includedEventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[format('/blobServices/default/containers/{0}/', parameters('containerName'))]", filter.GetProperty("subjectBeginsWith").GetString());
        Assert.Equal("images", Templates.Resolve(main, ArmTemplate.ModuleParameter(module, "containerName")));
        Assert.Null(module.Condition);
    }

    [Fact]
    public async Task Subscription_delivers_to_the_image_events_queue_with_the_topics_identity()
    {
        var main = await Templates.MainAsync();
        var module = ArmTemplate.Module(main, "event-delivery");
        var subscription = await SubscriptionAsync();

        var delivery = subscription.Properties.GetProperty("deliveryWithResourceIdentity");
        var destination = delivery.GetProperty("destination");

        Assert.False(subscription.Properties.TryGetProperty("destination", out _), "a plain destination would deliver without identity");
        Assert.Equal("SystemAssigned", delivery.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("StorageQueue", destination.GetProperty("endpointType").GetString());
        Assert.Equal("[parameters('queueName')]", destination.GetProperty("properties").GetProperty("queueName").GetString());
        Assert.Contains("Microsoft.Storage/storageAccounts", destination.GetProperty("properties").GetProperty("resourceId").GetString());
        Assert.Equal("image-events", Templates.Resolve(main, ArmTemplate.ModuleParameter(module, "queueName")));
        Assert.Equal(ArmTemplate.ModuleParameter(module, "queueName"), ArmTemplate.ModuleParameter(ArmTemplate.Module(main, "storage"), "imageEventsQueueName"));
    }

    [Fact]
    public async Task Undeliverable_events_are_dead_lettered_to_a_blob_container_with_the_topics_identity()
    {
        var main = await Templates.MainAsync();
        var module = ArmTemplate.Module(main, "event-delivery");
        var subscription = await SubscriptionAsync();

        var deadLetter = subscription.Properties.GetProperty("deadLetterWithResourceIdentity");
        var destination = deadLetter.GetProperty("deadLetterDestination");
        var retry = subscription.Properties.GetProperty("retryPolicy");

        Assert.Equal("SystemAssigned", deadLetter.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("StorageBlob", destination.GetProperty("endpointType").GetString());
        Assert.Equal("[parameters('deadLetterContainerName')]", destination.GetProperty("properties").GetProperty("blobContainerName").GetString());
        Assert.Equal("event-deadletter", Templates.Resolve(main, ArmTemplate.ModuleParameter(module, "deadLetterContainerName")));
        Assert.Equal(30, retry.GetProperty("maxDeliveryAttempts").GetInt32());
        Assert.Equal(1440, retry.GetProperty("eventTimeToLiveInMinutes").GetInt32());
    }

    [Fact]
    public async Task Storage_holds_the_queue_its_poison_queue_and_the_dead_letter_container()
    {
        var main = await Templates.MainAsync();
        var storage = ArmTemplate.ModuleTemplate(ArmTemplate.Module(main, "storage"));

        var queues = ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.Name).ToList();
        var containers = ArmTemplate.OfType(storage, "Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => c.Name).ToList();

        Assert.Contains(queues, name => name.Contains("parameters('imageEventsQueueName')", StringComparison.Ordinal) && !name.Contains("-poison", StringComparison.Ordinal));
        Assert.Contains(queues, name => name.Contains("format('{0}-poison', parameters('imageEventsQueueName'))", StringComparison.Ordinal));
        Assert.Contains(containers, name => name.Contains("parameters('deadLetterContainerName')", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Storage Queue Data Message Sender", QueueDataMessageSender, "Microsoft.Storage/storageAccounts/queueServices/queues", "queueName")]
    [InlineData("Storage Blob Data Contributor", BlobDataContributor, "Microsoft.Storage/storageAccounts/blobServices/containers", "deadLetterContainerName")]
    public async Task Topic_identity_gets_the_role_its_delivery_needs_on_that_one_resource_before_the_subscription_exists(
        string role, string roleDefinitionId, string scopeType, string scopeParameter)
    {
        var delivery = ArmTemplate.ModuleTemplate(ArmTemplate.Module(await Templates.MainAsync(), "event-delivery"));
        var subscription = await SubscriptionAsync();

        var assignment = ArmTemplate.OfType(delivery, "Microsoft.Authorization/roleAssignments")
            .SingleOrDefault(a => a.Properties.GetProperty("roleDefinitionId").GetString()!.Contains(RoleIdVariable(delivery, roleDefinitionId), StringComparison.Ordinal));

        Assert.True(assignment is not null, $"no {role} assignment in event-delivery");
        Assert.Equal("[parameters('topicPrincipalId')]", assignment.Properties.GetProperty("principalId").GetString());
        Assert.Equal("ServicePrincipal", assignment.Properties.GetProperty("principalType").GetString());
        Assert.Contains(scopeType, assignment.Json.GetProperty("scope").GetString());
        Assert.Contains($"parameters('{scopeParameter}')", assignment.Json.GetProperty("scope").GetString());
        Assert.Contains(subscription.Json.GetProperty("dependsOn").EnumerateArray(), d => d.GetString()!.Contains(RoleIdVariable(delivery, roleDefinitionId), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Topic_principal_passed_to_the_delivery_module_is_the_system_topics_identity()
    {
        var main = await Templates.MainAsync();
        var topicModule = ArmTemplate.ModuleTemplate(ArmTemplate.Module(main, "event-topic"));

        var passed = ArmTemplate.ModuleParameter(ArmTemplate.Module(main, "event-delivery"), "topicPrincipalId");

        Assert.Contains("'event-topic'", passed);
        Assert.Contains("outputs.principalId", passed);
        Assert.Contains("identity.principalId", topicModule.GetProperty("outputs").GetProperty("principalId").GetProperty("value").GetString());
    }

    private static async Task<ArmResource> SubscriptionAsync() =>
        ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.EventGrid/systemTopics/eventSubscriptions");

    // roleDefinitionId and the subscription's dependsOn name the role through variables('roleIds').<key>.
    private static string RoleIdVariable(JsonElement template, string roleDefinitionId) =>
        "variables('roleIds')." + template.GetProperty("variables").GetProperty("roleIds").EnumerateObject()
            .Single(role => role.Value.GetString() == roleDefinitionId).Name;
}
