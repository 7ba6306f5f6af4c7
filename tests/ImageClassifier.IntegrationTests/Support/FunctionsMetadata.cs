using System.Reflection;
using System.Text.Json.Nodes;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>The <c>functions.metadata</c> that the build writes next to the function app, as the Functions host reads it.</summary>
public static class FunctionsMetadata
{
    private static readonly Lazy<JsonArray> Functions = new(Load);

    public static IEnumerable<JsonObject> All => Functions.Value.Select(f => f!.AsObject());

    public static JsonObject Function(string name) => All.Single(f => (string)f["name"]! == name);

    /// <summary>The trigger binding of <paramref name="function"/>.</summary>
    public static JsonObject Trigger(string function) =>
        Function(function)["bindings"]!.AsArray().Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!.AsObject();

    // The Functions project's own build output for this configuration (what is published); the copy that the build
    // puts beside the tests is the fallback when the project was built elsewhere.
    private static JsonArray Load()
    {
        var functionsOutput = typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsOutputDirectory").Value!;
        string[] candidates = [Path.Combine(functionsOutput, "functions.metadata"), Path.Combine(AppContext.BaseDirectory, "functions.metadata")];
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"functions.metadata not found at {string.Join(" or ", candidates)}: build functions/ImageClassifier.Functions first.");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }
}
