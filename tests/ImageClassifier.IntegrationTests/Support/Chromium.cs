using Microsoft.Playwright;

namespace ImageClassifier.IntegrationTests.Support;

/// <summary>
/// Debian's chromium, driven by Playwright's bundled driver; Playwright's own browser downloads are never used (nothing
/// can be downloaded on these machines). Without it the browser test skips, except under CI, where it fails.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static void Require()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        const string reason = "needs Debian's chromium (apt-get install chromium)";
        if (Ci.IsRunning)
        {
            throw new InvalidOperationException($"CI run without {ExecutablePath}: {reason}");
        }

        Skip.If(true, reason);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Arguments });
}
