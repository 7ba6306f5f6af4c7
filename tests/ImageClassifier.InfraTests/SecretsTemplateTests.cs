using ImageClassifier.InfraTests.Support;

namespace ImageClassifier.InfraTests;

public sealed class SecretsTemplateTests
{
    [Fact]
    public async Task Template_contains_no_storage_account_key()
    {
        var text = (await Templates.MainAsync()).GetRawText();

        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listAccountSas", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listServiceSas", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Template_lists_no_keys_at_all_now_that_events_reach_a_queue_by_identity()
    {
        var text = (await Templates.MainAsync()).GetRawText();

        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("blobs_extension", text, StringComparison.Ordinal);
        Assert.DoesNotContain("runtime/webhooks", text, StringComparison.Ordinal);
    }
}
