using ImageClassifier.Capacity;
using ImageClassifier.Errors;

namespace ImageClassifier.Tests;

/// <summary>
/// The memory budget that admission control and decodes share: what fits is granted at once, what does not waits and is
/// refused as busy after the wait, released room admits the next in line, and nothing given up keeps room.
/// </summary>
public class MemoryBudgetTests
{
    private const long Mb = 1_000_000;

    [Fact]
    public async Task Upload_beyond_the_upload_share_waits_then_is_refused_as_busy()
    {
        // Arrange
        var budget = Budget(TimeSpan.FromMilliseconds(200));
        using var first = await budget.AcquireUploadAsync(3 * Mb);
        using var second = await budget.AcquireUploadAsync(3 * Mb);

        // Act
        var started = DateTime.UtcNow;
        var refused = await Assert.ThrowsAsync<ServerBusyException>(() => budget.AcquireUploadAsync(1 * Mb));

        // Assert
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(150), "the third upload was refused without waiting");
        Assert.Contains("try again", refused.Message);
        Assert.Equal(6 * Mb, budget.BytesInUse);
    }

    [Fact]
    public async Task Released_room_admits_the_waiting_upload()
    {
        // Arrange
        var budget = Budget(TimeSpan.FromSeconds(30));
        var first = await budget.AcquireUploadAsync(3 * Mb);
        using var second = await budget.AcquireUploadAsync(3 * Mb);
        var waiting = budget.AcquireUploadAsync(2 * Mb);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        // Act
        first.Dispose();
        using var third = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(5 * Mb, budget.BytesInUse);
    }

    [Fact]
    public async Task Decodes_take_the_reserve_that_uploads_cannot()
    {
        // Arrange: uploads have filled their share.
        var budget = Budget(TimeSpan.FromMilliseconds(200));
        using var upload = await budget.AcquireUploadAsync(6 * Mb);

        // Act
        using var decode = await budget.AcquireDecodeAsync(4 * Mb);

        // Assert
        Assert.Equal(10 * Mb, budget.BytesInUse);
        await Assert.ThrowsAsync<ServerBusyException>(() => budget.AcquireDecodeAsync(1));
    }

    [Fact]
    public async Task A_waiting_decode_is_served_before_a_waiting_upload()
    {
        // Arrange
        var budget = Budget(TimeSpan.FromSeconds(30));
        var upload = await budget.AcquireUploadAsync(6 * Mb);
        var decode = await budget.AcquireDecodeAsync(4 * Mb);
        var nextUpload = budget.AcquireUploadAsync(2 * Mb);
        var nextDecode = budget.AcquireDecodeAsync(4 * Mb);

        // Act: 4 MB come free; both waiters would fit, the decode first.
        decode.Dispose();
        using var decoded = await nextDecode.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.False(nextUpload.IsCompleted);
        upload.Dispose();
        using var uploaded = await nextUpload.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(6 * Mb, budget.BytesInUse);
    }

    [Fact]
    public async Task Cancelled_and_refused_waiters_keep_no_room()
    {
        // Arrange
        var budget = Budget(TimeSpan.FromMilliseconds(300));
        var held = await budget.AcquireUploadAsync(6 * Mb);
        using var cancel = new CancellationTokenSource();
        var cancelled = budget.AcquireUploadAsync(1 * Mb, cancel.Token);
        var refused = budget.AcquireUploadAsync(1 * Mb);

        // Act
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await Assert.ThrowsAsync<ServerBusyException>(() => refused);
        held.Dispose();
        held.Dispose();

        // Assert
        Assert.Equal(0, budget.BytesInUse);
        using var whole = await budget.AcquireUploadAsync(6 * Mb);
        Assert.Equal(6 * Mb, budget.BytesInUse);
    }

    [Fact]
    public async Task Shrinking_a_lease_admits_what_the_returned_room_allows()
    {
        // Arrange: a chunked upload reserves the whole share, then turns out small.
        var budget = Budget(TimeSpan.FromSeconds(30));
        using var chunked = await budget.AcquireUploadAsync(6 * Mb);
        var waiting = budget.AcquireUploadAsync(5 * Mb);

        // Act
        chunked.ShrinkTo(1 * Mb);
        using var admitted = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(6 * Mb, budget.BytesInUse);
        chunked.ShrinkTo(3 * Mb);
        Assert.Equal(1 * Mb, chunked.Bytes);
    }

    [Fact]
    public async Task A_request_larger_than_its_share_is_clamped_and_runs_alone_among_its_kind()
    {
        // Arrange
        var budget = Budget(TimeSpan.FromMilliseconds(200));

        // Act
        using var large = await budget.AcquireUploadAsync(50 * Mb);
        using var largeDecode = await budget.AcquireDecodeAsync(50 * Mb);

        // Assert: its own upload never keeps a request's decode out, however large both are.
        Assert.Equal(6 * Mb, large.Bytes);
        Assert.Equal(4 * Mb, largeDecode.Bytes);
        await Assert.ThrowsAsync<ServerBusyException>(() => budget.AcquireUploadAsync(1));
        await Assert.ThrowsAsync<ServerBusyException>(() => budget.AcquireDecodeAsync(1));
    }

    // 10 MB in all, 4 MB kept for decodes, so uploads share 6 MB.
    private static MemoryBudget Budget(TimeSpan wait) => new(10 * Mb, 4 * Mb, wait);
}
