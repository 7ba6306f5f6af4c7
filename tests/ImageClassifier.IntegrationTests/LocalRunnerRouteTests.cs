using ImageClassifier.Cli.Serve;
using Microsoft.AspNetCore.Routing;

namespace ImageClassifier.IntegrationTests;

/// <summary>The local runner stands in for the Functions host, so it must serve exactly the HTTP routes the host does.</summary>
public sealed class LocalRunnerRouteTests
{
    [Fact]
    public async Task Local_runner_serves_every_http_route_of_functions_metadata_and_no_other()
    {
        // Arrange
        var expected = FunctionsMetadata.All
            .Select(f => FunctionsMetadata.Trigger((string)f["name"]!))
            .Where(t => (string)t["type"]! == "httpTrigger")
            .SelectMany(t => t["methods"]!.AsArray().Select(m => $"{((string)m!).ToUpperInvariant()} /api/{(string)t["route"]!}"))
            .Order(StringComparer.Ordinal);
        await using var app = LocalRunner.Build("http://127.0.0.1:0", new Dictionary<string, string?>(), watchBlobs: false);

        // Act
        var served = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, served);
    }
}
