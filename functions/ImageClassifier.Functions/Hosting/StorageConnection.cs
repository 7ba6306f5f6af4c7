using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace ImageClassifier.Functions.Hosting;

/// <summary>
/// Builds storage clients from the Functions host's own convention for <c>AzureWebJobsStorage</c>, so the bindings and
/// the Table client always point at the same account: either a connection string (<c>UseDevelopmentStorage=true</c>
/// locally) or identity-based settings (<c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c> or
/// <c>__accountName</c>, with <c>__credential=managedidentity</c> and <c>__clientId</c>).
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The setting the host and this app share.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private readonly string? _connectionString;
    private readonly IConfigurationSection _section;
    private readonly Lazy<TokenCredential> _credential;

    public StorageConnection(IConfiguration configuration)
    {
        _section = configuration.GetSection(SettingName);
        _connectionString = string.IsNullOrWhiteSpace(_section.Value) ? null : _section.Value;
        if (_connectionString is null && !_section.GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {SettingName} to a connection string (UseDevelopmentStorage=true for Azurite) or set {SettingName}__blobServiceUri, __queueServiceUri and __tableServiceUri (or __accountName) with __credential=managedidentity.");
        }

        _credential = new Lazy<TokenCredential>(CreateCredential);
    }

    public TableServiceClient CreateTableServiceClient(TableClientOptions options) =>
        _connectionString is not null ? new TableServiceClient(_connectionString, options) : new TableServiceClient(ServiceUri("table"), _credential.Value, options);

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options) =>
        _connectionString is not null ? new BlobServiceClient(_connectionString, options) : new BlobServiceClient(ServiceUri("blob"), _credential.Value, options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options) =>
        _connectionString is not null ? new QueueServiceClient(_connectionString, options) : new QueueServiceClient(ServiceUri("queue"), _credential.Value, options);

    private Uri ServiceUri(string service)
    {
        if (_section[$"{service}ServiceUri"] is { Length: > 0 } uri)
        {
            return new Uri(uri);
        }

        if (_section["accountName"] is { Length: > 0 } account)
        {
            return new Uri($"https://{account}.{service}.core.windows.net");
        }

        throw new InvalidOperationException($"Set {SettingName}__{service}ServiceUri (or {SettingName}__accountName) for identity-based storage.");
    }

    private TokenCredential CreateCredential()
    {
        var clientId = _section["clientId"];
        if (string.Equals(_section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
