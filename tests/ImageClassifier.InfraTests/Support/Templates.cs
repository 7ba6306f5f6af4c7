using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImageClassifier.InfraTests.Support;

/// <summary>The compiled entry points, plus small helpers for reading expressions Bicep writes.</summary>
internal static partial class Templates
{
    public static Task<JsonElement> MainAsync() => BicepCli.TemplateAsync("infra/main.bicep");

    /// <summary>Resolves "[variables('x')]" and "[parameters('x')]" (by default value) one level; other values pass through.</summary>
    public static string Resolve(JsonElement template, string value)
    {
        var match = SimpleReference().Match(value);
        if (!match.Success)
        {
            return value;
        }

        var name = match.Groups["name"].Value;
        return match.Groups["kind"].Value == "variables"
            ? template.GetProperty("variables").GetProperty(name).ToString()
            : template.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue").ToString();
    }

    /// <summary>The container app's environment variables, by name.</summary>
    public static IReadOnlyDictionary<string, string> ContainerEnv(ArmResource containerApp)
    {
        var container = containerApp.Properties.GetProperty("template").GetProperty("containers")[0];
        return container.GetProperty("env").EnumerateArray()
            .ToDictionary(entry => entry.GetProperty("name").GetString()!, entry => entry.GetProperty("value").ToString());
    }

    [GeneratedRegex(@"^\[(?<kind>variables|parameters)\('(?<name>[A-Za-z0-9_]+)'\)\]$")]
    private static partial Regex SimpleReference();
}
