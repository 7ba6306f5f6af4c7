using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class SecretsTemplateTests
{
    public static TheoryData<string> EntryPoints() => new("infra/main.bicep", "infra/events.bicep");

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Template_contains_no_storage_account_key(string entryPoint)
    {
        var text = (await BicepCli.TemplateAsync(entryPoint)).GetRawText();

        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listAccountSas", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listServiceSas", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Template_lists_no_keys_except_the_function_hosts_blob_extension_key(string entryPoint)
    {
        var text = (await BicepCli.TemplateAsync(entryPoint)).GetRawText();

        var calls = Templates.ListKeysCalls(text).ToList();

        Assert.All(calls, arguments =>
        {
            Assert.DoesNotContain("Microsoft.Storage", arguments, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Microsoft.Web/sites", arguments, StringComparison.Ordinal);
            Assert.Contains("/host/default", arguments, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Event_subscription_reads_the_webhook_key_and_no_output_exposes_it()
    {
        var events = await Templates.EventsAsync();
        var main = await Templates.MainAsync();

        Assert.Single(Templates.ListKeysCalls(events.GetRawText()));
        Assert.Empty(Templates.ListKeysCalls(main.GetRawText()));
        Assert.DoesNotContain("listKeys", events.GetProperty("outputs").GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.All(
            ArmTemplate.Resources(events).Where(r => r.Type == ArmTemplate.DeploymentType),
            module => Assert.DoesNotContain("listKeys", ArmTemplate.ModuleTemplate(module).GetProperty("outputs").GetRawText(), StringComparison.OrdinalIgnoreCase));
    }
}
