using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// The built <c>functions.metadata</c> is what the Functions host reads for triggers: routes, methods, auth levels, the
/// blob path and source, connection names and the timer schedule. It is the contract with the infrastructure (Event
/// Grid subscription, app settings, smoke test), so it is pinned here.
/// </summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Metadata_declares_exactly_the_known_functions()
    {
        var names = FunctionsMetadata.All.Select(f => (string)f["name"]!).Order(StringComparer.Ordinal);

        Assert.Equal(["Classify", "ClassifyBlob", "GetBlobLabels", "GetUploadLabels", "Health", "KeepWarm", "Page"], names);
    }

    [Theory]
    [InlineData("Classify", "post", "classify", "Function")]
    [InlineData("Health", "get", "health", "Anonymous")]
    [InlineData("Page", "get", "page", "Anonymous")]
    [InlineData("GetBlobLabels", "get", "labels/{container}/{*blobName}", "Function")]
    [InlineData("GetUploadLabels", "get", "labels/{id}", "Function")]
    public void Http_function_has_its_route_method_and_auth_level(string function, string method, string route, string authLevel)
    {
        var trigger = FunctionsMetadata.Trigger(function);

        Assert.Equal("httpTrigger", (string)trigger["type"]!);
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(route, (string)trigger["route"]!);
        Assert.Equal(authLevel, (string)trigger["authLevel"]!);
    }

    [Fact]
    public void Blob_function_takes_event_grid_events_for_the_images_container_setting()
    {
        var trigger = FunctionsMetadata.Trigger("ClassifyBlob");

        Assert.Equal("blobTrigger", (string)trigger["type"]!);
        Assert.Equal("%ImagesContainer%/{name}", (string)trigger["path"]!);
        Assert.Equal("EventGrid", (string)trigger["source"]!);
        Assert.Equal("AzureWebJobsStorage", (string)trigger["connection"]!);
    }

    [Fact]
    public void Keep_warm_timer_reads_its_schedule_from_a_setting()
    {
        var trigger = FunctionsMetadata.Trigger("KeepWarm");

        Assert.Equal("timerTrigger", (string)trigger["type"]!);
        Assert.Equal("%KeepWarmSchedule%", (string)trigger["schedule"]!);
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
