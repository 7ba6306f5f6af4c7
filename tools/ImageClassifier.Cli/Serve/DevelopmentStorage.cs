using System.Data.Common;
using ImageClassifier.Functions.Hosting;

namespace ImageClassifier.Cli.Serve;

/// <summary>
/// Whether <c>serve</c>'s storage is the local development account on 127.0.0.1:10000-10002, the only case in which it
/// looks for (and may start) Azurite there. Any other <c>AzureWebJobsStorage</c> is used as given.
/// </summary>
public static class DevelopmentStorage
{
    private static readonly string[] EndpointKeys = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];

    /// <summary>
    /// The effective setting the local runner will use (the overrides, then the environment, then its default
    /// <c>UseDevelopmentStorage=true</c>) is the development account.
    /// </summary>
    public static bool IsUsedBy(IReadOnlyDictionary<string, string?> settings)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        return UsesDevelopmentAccount(settings) ?? UsesDevelopmentAccount(environment) ?? true;
    }

    // Null when the source does not set the storage at all. The identity form (AzureWebJobsStorage__blobServiceUri,
    // ...) names an account by URI: never the local one.
    private static bool? UsesDevelopmentAccount(IReadOnlyDictionary<string, string?> source)
    {
        var name = StorageConnection.SettingName;
        if (source.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            return IsDevelopmentConnection(value);
        }

        return source.Keys.Any(k => k.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) || k.StartsWith(name + "__", StringComparison.OrdinalIgnoreCase))
            ? false
            : null;
    }

    /// <summary>
    /// True for <c>UseDevelopmentStorage=true</c>, and for a connection string whose blob, queue and table endpoints
    /// are all on 127.0.0.1 or localhost at ports 10000-10002 (Azurite's defaults).
    /// </summary>
    public static bool IsDevelopmentConnection(string connection)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connection;
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && string.Equals(development?.ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var endpoints = EndpointKeys.Select(k => parts.TryGetValue(k, out var v) ? v?.ToString() : null).ToArray();
        return endpoints.All(e => Uri.TryCreate(e, UriKind.Absolute, out var uri)
                                  && (uri.Host is "127.0.0.1" or "localhost")
                                  && uri.Port is >= 10000 and <= 10002);
    }
}
