using ImageClassifier.Cli.Serve;

namespace ImageClassifier.Cli.Tests;

/// <summary>serve looks for Azurite on 127.0.0.1:10000-10002 only when its storage is the development account.</summary>
public class DevelopmentStorageTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("usedevelopmentstorage=TRUE")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;")]
    [InlineData("BlobEndpoint=http://localhost:10000/devstoreaccount1;QueueEndpoint=http://localhost:10001/devstoreaccount1;TableEndpoint=http://localhost:10002/devstoreaccount1;SharedAccessSignature=sv=2024-08-04&sig=x")]
    public void Development_account_connections_use_the_local_azurite(string connection) =>
        Assert.True(DevelopmentStorage.IsDevelopmentConnection(connection));

    [Theory]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key + ";BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prodaccount;AccountKey=" + Key + ";EndpointSuffix=core.windows.net")]
    [InlineData("BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://10.0.0.5:10002/devstoreaccount1")]
    [InlineData("not a connection string ===")]
    public void Other_connections_leave_the_local_ports_alone(string connection) =>
        Assert.False(DevelopmentStorage.IsDevelopmentConnection(connection));

    [Fact]
    public void Override_wins_over_the_default_development_account()
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "BlobEndpoint=http://127.0.0.1:41000/a;QueueEndpoint=http://127.0.0.1:41001/a;TableEndpoint=http://127.0.0.1:41002/a" };

        Assert.False(DevelopmentStorage.IsUsedBy(settings));
    }

    [Fact]
    public void Identity_form_settings_are_not_the_development_account()
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage:blobServiceUri"] = "https://account.blob.core.windows.net" };

        Assert.False(DevelopmentStorage.IsUsedBy(settings));
    }
}
