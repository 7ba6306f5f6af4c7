using Azure.Identity;
using ImageClassifier.Functions.Hosting;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// The Azure Monitor exporter authenticates the way APPLICATIONINSIGHTS_AUTHENTICATION_STRING (set by the Bicep) says:
/// a managed identity for <c>Authorization=AAD</c>, nothing when the setting is absent, and a refusal naming the setting
/// when it asks for something else, rather than telemetry silently refused by a component with local auth off.
/// </summary>
public sealed class IngestionCredentialTests
{
    [Theory]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    [InlineData(" authorization = aad ; clientid = 00000000-0000-0000-0000-000000000001 ")]
    public void Entra_authentication_string_gives_a_managed_identity_credential(string setting)
    {
        Assert.IsType<ManagedIdentityCredential>(IngestionCredential.From(setting));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_authentication_string_gives_no_credential(string? setting)
    {
        Assert.Null(IngestionCredential.From(setting));
    }

    [Fact]
    public void Authentication_string_without_aad_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => IngestionCredential.From("ClientId=00000000-0000-0000-0000-000000000001"));

        Assert.Contains(IngestionCredential.AuthenticationStringSetting, error.Message);
    }
}
