using ImageClassifier.Soak.Blobs;

namespace ImageClassifier.Soak.Tests;

public sealed class ThroughputResultTests
{
    private static readonly LabelTally All = new(200, 200, 0, 0, 0);

    [Fact]
    public void Ratio_compares_the_median_blob_time_with_the_median_classify_time()
    {
        // Arrange: one slow spell hits the third round's classify, another the first round's blobs.
        var result = new ThroughputResult(200, [Round(10, 40), Round(12, 18), Round(30, 20)]);

        // Act
        var (classify, blobs, ratio) = (result.ClassifySeconds, result.BlobSeconds, result.Ratio);

        // Assert
        Assert.Equal(12, classify);
        Assert.Equal(20, blobs);
        Assert.Equal(20.0 / 12, ratio, 6);
    }

    [Fact]
    public void Run_is_incomplete_when_classify_misses_a_file_in_any_round()
    {
        // Arrange
        var result = new ThroughputResult(200, [Round(10, 12), Round(10, 12) with { ClassifyLines = 199 }]);

        // Act
        var complete = result.Complete;

        // Assert
        Assert.False(complete);
    }

    [Fact]
    public void Median_of_an_even_number_of_rounds_is_the_mean_of_the_middle_two()
    {
        // Arrange
        var result = new ThroughputResult(200, [Round(10, 20), Round(14, 30)]);

        // Act
        var (classify, blobs) = (result.ClassifySeconds, result.BlobSeconds);

        // Assert
        Assert.Equal(12, classify);
        Assert.Equal(25, blobs);
    }

    [Fact]
    public void Run_without_rounds_is_incomplete_and_has_no_ratio()
    {
        // Arrange
        var result = new ThroughputResult(200, []);

        // Act
        var (complete, ratio) = (result.Complete, result.Ratio);

        // Assert
        Assert.False(complete);
        Assert.True(double.IsNaN(ratio));
    }

    private static ThroughputRound Round(double classify, double blobs) => new(classify, 200, 0, blobs, All, true);
}
