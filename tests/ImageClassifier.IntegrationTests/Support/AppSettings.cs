namespace ImageClassifier.IntegrationTests.Support;

/// <summary>The app settings a test host runs with: the shared model, Azurite, and the test's own table and container.</summary>
public static class AppSettings
{
    public static Dictionary<string, string?> For(StorageNames names, params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Classifier:ModelDirectory"] = SharedData.ModelDirectory,
            ["LabelsTable"] = names.Table,
            ["ImagesContainer"] = names.Container,
            ["ImageEventsQueue"] = names.Queue,
            ["BackfillTable"] = names.BackfillTable,
            ["BackfillPagesQueue"] = names.PagesQueue,
            ["BackfillItemsQueue"] = names.ItemsQueue,
            // Keep test output to what matters: the app's warnings, not each request or the SDK's expected 409s.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Azure"] = "Error",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
