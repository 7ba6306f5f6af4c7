using Azure.Core;
using Azure.Identity;

namespace ImageClassifier.Functions.Hosting;

/// <summary>
/// The credential the Azure Monitor exporter sends telemetry with. The Application Insights component has local
/// authentication off (infra/modules/monitoring.bicep), so ingestion needs a Microsoft Entra token; the Bicep names the
/// identity in <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=...;Authorization=AAD</c>), the setting
/// the Functions host itself reads (Learn, "App settings reference for Azure Functions",
/// APPLICATIONINSIGHTS_AUTHENTICATION_STRING). Learn, "Microsoft Entra authentication for Application Insights",
/// recommends <see cref="ManagedIdentityCredential"/>: without arguments for a system-assigned identity, with the client
/// id for a user-assigned one.
/// </summary>
public static class IngestionCredential
{
    /// <summary>The setting that asks for Entra ID ingestion and names the identity.</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The credential <paramref name="authenticationString"/> asks for, or null for key-based ingestion.</summary>
    public static TokenCredential? From(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        string? clientId = null;
        var entra = false;
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = part.IndexOf('=') is var i and > 0 ? (part[..i].Trim(), part[(i + 1)..].Trim()) : (part, "");
            if (key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                entra = value.Equals("AAD", StringComparison.OrdinalIgnoreCase);
            }
            else if (key.Equals("ClientId", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                clientId = value;
            }
        }

        if (!entra)
        {
            throw new InvalidOperationException(
                $"{AuthenticationStringSetting} is set but does not say Authorization=AAD; set it to 'Authorization=AAD' (system-assigned identity) or 'ClientId=<client id>;Authorization=AAD', or remove it.");
        }

        return clientId is null
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
