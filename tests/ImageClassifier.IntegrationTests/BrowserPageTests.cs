using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ImageClassifier.IntegrationTests;

/// <summary>The page at /api/page in headless Chromium: a photo gets its labels, a broken file an error in words.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BrowserPageTests(StorageFixture storage, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Page_shows_espresso_for_the_coffee_photo_and_explains_a_truncated_jpeg()
    {
        // Arrange
        Chromium.Require();
        var names = await storage.CreateNamesAsync();
        await using var server = await LocalServer.StartAsync(AppSettings.For(names));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 760 } });
        await page.GotoAsync(new Uri(server.BaseAddress, "api/page").ToString());
        var dropZone = await page.Locator("#drop").BoundingBoxAsync();
        var resultGrid = await page.Locator(".grid").BoundingBoxAsync();

        // Act: the coffee photo
        await page.SetInputFilesAsync("#file", SharedData.Image("coffee.png"));
        await Assertions.Expect(page.Locator("#labels li").First).ToContainTextAsync("espresso", new() { Timeout = 15_000 });
        var labelled = await SaveScreenshotAsync(page, "page-coffee.png");
        var firstLabel = await page.Locator("#labels li .name").First.TextContentAsync();
        var status = await page.Locator("#status").TextContentAsync();

        // Act: a truncated JPEG
        await page.SetInputFilesAsync("#file", SharedData.Image("truncated.jpg"));
        await Assertions.Expect(page.Locator("#error")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var refused = await SaveScreenshotAsync(page, "page-truncated.png");
        var error = await page.Locator("#error").TextContentAsync() ?? "";
        var labelsAfterError = await page.Locator("#labels").TextContentAsync() ?? "";
        output.WriteLine($"screenshots: {labelled} {refused}");

        // Assert
        Assert.True(Math.Abs(dropZone!.Width - resultGrid!.Width) < 2, $"the drop zone is {dropZone.Width} px wide, the results {resultGrid.Width} px");
        Assert.Equal("espresso", firstLabel);
        Assert.Equal("coffee.png: espresso", status);
        Assert.Contains("truncated", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("answered 400", error);
        Assert.DoesNotContain("espresso", labelsAfterError);
    }

    private static async Task<string> SaveScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Console.WriteLine($"screenshot: {path}");
        return path;
    }
}
