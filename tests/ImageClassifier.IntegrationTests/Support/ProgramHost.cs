using ImageClassifier.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// The function app's host built exactly as Program.cs builds it, with test settings. It is built, never started:
/// starting connects to the Functions host over gRPC, which only the Functions runtime provides.
/// </summary>
public static class ProgramHost
{
    public static IHost Build(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddImageLabelling(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The settings a deployed app has, pointing at a model directory that need not exist until first use.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Classifier:ModelDirectory"] = SharedData.ModelDirectory,
            ["LabelsTable"] = "ImageLabels",
            ["ImagesContainer"] = "images",
            ["ImageEventsQueue"] = "image-events",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
