using ImageClassifier.Tests.Support;

namespace ImageClassifier.Tests;

/// <summary>Arguments of the public classify methods are checked before any work, model load included.</summary>
public class ClassifyArgumentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task Label_count_below_one_is_an_argument_error(int top)
    {
        using var engine = EngineFixture.Create(Path.Combine(Path.GetTempPath(), "no-model-needed-" + Guid.NewGuid().ToString("N")));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.ClassifyAsync(new byte[] { 0xFF, 0xD8 }, top));

        Assert.Equal("top", error.ParamName);
    }

    [Fact]
    public void Upload_length_checks_name_the_empty_and_over_limit_cases()
    {
        using var engine = EngineFixture.Create("unused", o => o.MaxImageBytes = 1000);

        var empty = Assert.Throws<Errors.ImageRejectedException>(() => engine.CheckLength(0));
        var tooLarge = Assert.Throws<Errors.ImageRejectedException>(() => engine.CheckLength(1001));
        engine.CheckLength(1000);

        Assert.Equal(Errors.ImageErrorCode.EmptyInput, empty.Code);
        Assert.Equal(Errors.ImageErrorCode.TooManyBytes, tooLarge.Code);
    }
}
