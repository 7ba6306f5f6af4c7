using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// The built <c>functions.metadata</c> is what the Functions host reads for triggers: routes, methods, auth levels, queue
/// names and connection names. It is the contract with the infrastructure (Event Grid subscription to the queue, app
/// settings, smoke test), so it is pinned here. The GPU flavour (<c>-p:OnnxRuntimeFlavor=Gpu</c>) swaps only the ONNX
/// Runtime package, not a function or binding, so the same metadata holds for the GPU image.
/// </summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Metadata_declares_exactly_the_known_functions()
    {
        var names = FunctionsMetadata.All.Select(f => (string)f["name"]!).Order(StringComparer.Ordinal);

        Assert.Equal(["BackfillItem", "BackfillItemPoison", "BackfillList", "BackfillListPoison", "Classify", "ClassifyBlob", "ClassifyBlobPoison", "GetBackfill", "GetBlobLabels", "GetUploadLabels", "Health", "Page", "StartBackfill"], names);
    }

    [Theory]
    [InlineData("Classify", "post", "classify", "Function")]
    [InlineData("Health", "get", "health", "Anonymous")]
    [InlineData("Page", "get", "page", "Anonymous")]
    [InlineData("GetBlobLabels", "get", "labels/{container}/{*blobName}", "Function")]
    [InlineData("GetUploadLabels", "get", "labels/{id}", "Function")]
    [InlineData("StartBackfill", "post", "backfill", "Function")]
    [InlineData("GetBackfill", "get", "backfill/{jobId}", "Function")]
    public void Http_function_has_its_route_method_and_auth_level(string function, string method, string route, string authLevel)
    {
        var trigger = FunctionsMetadata.Trigger(function);

        Assert.Equal("httpTrigger", (string)trigger["type"]!);
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(route, (string)trigger["route"]!);
        Assert.Equal(authLevel, (string)trigger["authLevel"]!);
    }

    [Fact]
    public void Blob_function_is_triggered_by_the_blob_events_queue_on_the_storage_connection()
    {
        var trigger = FunctionsMetadata.Trigger("ClassifyBlob");

        Assert.Equal("queueTrigger", (string)trigger["type"]!);
        Assert.Equal("%ImageEventsQueue%", (string)trigger["queueName"]!);
        Assert.Equal("AzureWebJobsStorage", (string)trigger["connection"]!);
    }

    [Fact]
    public void Poison_function_drains_the_poison_queue_the_host_moves_failed_events_to()
    {
        var trigger = FunctionsMetadata.Trigger("ClassifyBlobPoison");

        Assert.Equal("queueTrigger", (string)trigger["type"]!);
        Assert.Equal("%ImageEventsQueue%-poison", (string)trigger["queueName"]!);
        Assert.Equal("AzureWebJobsStorage", (string)trigger["connection"]!);
    }

    [Theory]
    [InlineData("BackfillList", "%BackfillPagesQueue%")]
    [InlineData("BackfillItem", "%BackfillItemsQueue%")]
    [InlineData("BackfillItemPoison", "%BackfillItemsQueue%-poison")]
    [InlineData("BackfillListPoison", "%BackfillPagesQueue%-poison")]
    public void Backfill_function_is_triggered_by_its_queue_on_the_storage_connection(string function, string queue)
    {
        var trigger = FunctionsMetadata.Trigger(function);

        Assert.Equal(("queueTrigger", queue, "AzureWebJobsStorage"), ((string)trigger["type"]!, (string)trigger["queueName"]!, (string)trigger["connection"]!));
    }

    [Fact]
    public void No_trigger_can_hold_an_instance_up_with_nothing_to_do()
    {
        // On Container Apps a timer or a blob trigger derives a scale rule that keeps a replica running (issue 8);
        // queue triggers scale on queue length, which drains to zero.
        var types = FunctionsMetadata.All.Select(f => (string)FunctionsMetadata.Trigger((string)f["name"]!)["type"]!).ToList();

        Assert.DoesNotContain("timerTrigger", types);
        Assert.DoesNotContain("blobTrigger", types);
        Assert.All(types, type => Assert.Contains(type, new[] { "httpTrigger", "queueTrigger" }));
    }

    [Fact]
    public void Every_entry_point_is_the_matching_function_method_of_the_app()
    {
        var assembly = typeof(ImageClassifier.Functions.Hosting.ServiceCollectionExtensions).Assembly;

        foreach (var function in FunctionsMetadata.All)
        {
            var entryPoint = (string)function["entryPoint"]!;
            var split = entryPoint.LastIndexOf('.');
            var method = assembly.GetType(entryPoint[..split], throwOnError: true)!.GetMethod(entryPoint[(split + 1)..]);

            Assert.Equal(assembly.GetName().Name + ".dll", (string)function["scriptFile"]!);
            Assert.True(method?.GetCustomAttribute<FunctionAttribute>()?.Name == (string)function["name"]!, $"{entryPoint} is not [Function(\"{function["name"]}\")]");
        }
    }
}
