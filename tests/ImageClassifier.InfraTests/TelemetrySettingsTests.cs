using System.Text.Json;
using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

/// <summary>
/// What the telemetry wiring relies on (docs/operations.md): the host emits OpenTelemetry, and the GPU app, like the
/// CPU app, names the identity the worker's Azure Monitor exporter authenticates with.
/// </summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public void Host_json_turns_on_the_hosts_opentelemetry_output()
    {
        // Learn, "Use OpenTelemetry with Azure Functions": a root "telemetryMode": "OpenTelemetry" element.
        using var host = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("host.json")));

        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());
    }

    [Fact]
    public async Task Gpu_app_sends_telemetry_with_its_user_assigned_identity()
    {
        var env = Templates.ContainerEnv(ArmTemplate.Single(await Templates.MainAsync(), "Microsoft.App/containerApps"));

        Assert.Contains("ConnectionString", env["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Contains("ClientId=", env["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("Authorization=AAD", env["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }
}
