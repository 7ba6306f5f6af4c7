using System.Diagnostics;
using ImageClassifier.Capacity;
using Microsoft.Extensions.DependencyInjection;

namespace ImageClassifier.IntegrationTests;

/// <summary>
/// Admission control in the local runner, which hosts the function classes as the function app does: uploads beyond
/// the memory budget wait, then get 503 <c>busy</c> with <c>Retry-After</c>; room given back admits the next; decodes
/// take their pixels from the same budget; refused and abandoned uploads keep no room.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AdmissionTests(StorageFixture storage)
{
    // 2 MiB in all; a decode reserve of half leaves 1 MiB for uploads: two coffee.png uploads (467 KB each), not three.
    private static readonly (string, string?)[] SmallBudget = [("Classifier:MaxBytesInFlight", "2097152"), ("Classifier:AdmissionWait", "00:00:01")];

    [SkippableFact]
    public async Task Upload_beyond_the_budget_waits_then_gets_503_busy_with_retry_after_and_freed_room_admits_again()
    {
        // Arrange: two uploads admitted and held open mid-body.
        await using var server = await LocalServer.StartAsync(AppSettings.For(await storage.CreateNamesAsync(), SmallBudget));
        var photo = SharedData.ImageBytes("coffee.png");
        var budget = Budget(server);
        var held = new[] { new HeldContent(photo, "image/png"), new HeldContent(photo, "image/png") };
        var answers = held.Select(body => server.Client.PostAsync("api/classify?store=false", body)).ToArray();
        await WaitForAsync(() => budget.BytesInUse == 2L * photo.Length, "both uploads admitted");

        // Act
        var clock = Stopwatch.StartNew();
        using var refused = await server.Client.PostAsync("api/classify?store=false", Requests.Image(photo, "image/png"));
        var waited = clock.Elapsed;
        held[0].Release();
        using var first = await answers[0];
        using var admitted = await server.Client.PostAsync("api/classify?store=false", Requests.Image(photo, "image/png"));
        held[1].Release();
        using var second = await answers[1];

        // Assert
        ProblemAssert.Is(await FunctionResponse.ReadAsync(refused), 503, "busy");
        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"refused after {waited.TotalSeconds:F2} s, without waiting for room");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 busy without Retry-After");
        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(200, (int)admitted.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal(0, budget.BytesInUse);
    }

    [SkippableFact]
    public async Task A_decode_waits_for_room_for_its_pixels_then_gets_503_busy()
    {
        // Arrange: other decodes hold the decode reserve (1 MiB of the 2 MiB budget); a 68-byte PNG declaring
        // 1000x1000 needs 4 MB of pixels, known from its header before any pixel is decoded.
        await using var server = await LocalServer.StartAsync(AppSettings.For(await storage.CreateNamesAsync(), SmallBudget));
        var budget = Budget(server);
        var declaring = CraftedImages.PngClaiming(1000, 1000);
        var decodes = await budget.AcquireDecodeAsync(budget.TotalBytes - budget.UploadShareBytes);

        // Act
        using var busy = await server.Client.PostAsync("api/classify?store=false", Requests.Image(declaring, "image/png"));
        decodes.Dispose();
        using var alone = await server.Client.PostAsync("api/classify?store=false", Requests.Image(declaring, "image/png"));

        // Assert: busy while the room was taken; with room, it is decoded and found to have no pixel data.
        ProblemAssert.Is(await FunctionResponse.ReadAsync(busy), 503, "busy");
        Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 busy without Retry-After");
        ProblemAssert.Is(await FunctionResponse.ReadAsync(alone), 400, "corrupt_image");
        Assert.Equal(0, budget.BytesInUse);
    }

    [SkippableFact]
    public async Task Refused_and_abandoned_uploads_give_their_room_back()
    {
        // Arrange
        await using var server = await LocalServer.StartAsync(AppSettings.For(await storage.CreateNamesAsync(), SmallBudget));
        var photo = SharedData.ImageBytes("coffee.png");
        var budget = Budget(server);

        // Act: a truncated JPEG, an oversize chunked body, a declared oversize body, and a client that gives up mid-body.
        using var corrupt = await server.Client.PostAsync("api/classify", Requests.Image(SharedData.ImageBytes("truncated.jpg"), "image/jpeg"));
        using var chunked = await server.Client.PostAsync("api/classify", new ChunkedContent(CraftedImages.Noise(21 * 1024 * 1024)));
        using var declared = await server.Client.PostAsync("api/classify", Requests.Image(new byte[21 * 1024 * 1024], "image/png"));
        using var giveUp = new CancellationTokenSource();
        var abandoned = new HeldContent(photo, "image/png");
        var pending = server.Client.PostAsync("api/classify", abandoned, giveUp.Token);
        await WaitForAsync(() => budget.BytesInUse == photo.Length, "the abandoned upload admitted");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

        // Assert
        Assert.Equal(400, (int)corrupt.StatusCode);
        Assert.Equal(413, (int)chunked.StatusCode);
        Assert.Equal(413, (int)declared.StatusCode);
        await WaitForAsync(() => budget.BytesInUse == 0, "all room given back");
        using var after = await server.Client.PostAsync("api/classify?store=false", Requests.Image(photo, "image/png"));
        Assert.Equal(200, (int)after.StatusCode);
    }

    private static MemoryBudget Budget(LocalServer server) => server.Services.GetRequiredService<ClassifierEngine>().Memory;

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
