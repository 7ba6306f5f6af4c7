using System.Text.Json;

namespace ImageClassifier.InfraTests.Support;

/// <summary>A resource declared somewhere in a compiled template, with the chain of module deployments above it.</summary>
internal sealed record ArmResource(string Type, JsonElement Json, IReadOnlyList<string> Modules)
{
    public string Name => Json.GetProperty("name").GetString()!;

    public JsonElement Properties => Json.GetProperty("properties");

    public string? Condition => Json.TryGetProperty("condition", out var condition) ? condition.ToString() : null;

    public override string ToString() => $"{Type} {Name} (in {string.Join('/', Modules.DefaultIfEmpty("root"))})";
}

/// <summary>Reads compiled ARM JSON: resources across nested module deployments, module parameters, outputs.</summary>
internal static class ArmTemplate
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    /// <summary>Every resource the template deploys, including those inside modules; existing references are left out.</summary>
    public static IReadOnlyList<ArmResource> Resources(JsonElement template)
    {
        var found = new List<ArmResource>();
        Collect(template, [], found);
        return found;
    }

    public static IEnumerable<ArmResource> OfType(JsonElement template, string type) =>
        Resources(template).Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    public static ArmResource Single(JsonElement template, string type)
    {
        var matches = OfType(template, type).ToList();
        Assert.True(matches.Count == 1, $"expected exactly one {type}, found {matches.Count}: {string.Join(", ", matches)}");
        return matches[0];
    }

    /// <summary>The module deployment with the given name at the top level of the template.</summary>
    public static ArmResource Module(JsonElement template, string name) =>
        TopLevel(template).Single(resource => resource.Type == DeploymentType && resource.Name == name);

    /// <summary>The value (usually an expression) a module deployment passes for one of its parameters.</summary>
    public static string ModuleParameter(ArmResource module, string parameter) =>
        module.Properties.GetProperty("parameters").GetProperty(parameter).GetProperty("value").ToString();

    public static JsonElement ModuleTemplate(ArmResource module) => module.Properties.GetProperty("template");

    public static JsonElement Parameter(JsonElement template, string name) => template.GetProperty("parameters").GetProperty(name);

    public static IEnumerable<string> AllowedValues(JsonElement template, string parameter) =>
        Parameter(template, parameter).GetProperty("allowedValues").EnumerateArray().Select(value => value.ToString());

    private static IEnumerable<ArmResource> TopLevel(JsonElement template) =>
        ResourceElements(template).Select(element => new ArmResource(element.GetProperty("type").GetString()!, element, []));

    private static void Collect(JsonElement template, IReadOnlyList<string> modules, List<ArmResource> found)
    {
        foreach (var element in ResourceElements(template))
        {
            if (element.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            var resource = new ArmResource(element.GetProperty("type").GetString()!, element, modules);
            found.Add(resource);
            if (resource.Type == DeploymentType && resource.Properties.TryGetProperty("template", out var nested))
            {
                Collect(nested, [.. modules, resource.Name], found);
            }
        }
    }

    // Language version 2.0 templates keep resources in an object keyed by symbolic name; older ones in an array.
    private static IEnumerable<JsonElement> ResourceElements(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            return [];
        }

        return resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(property => property.Value)
            : resources.EnumerateArray();
    }
}
