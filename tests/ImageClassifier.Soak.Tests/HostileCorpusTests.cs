using ImageClassifier.Soak.Hostile;
using ImageClassifier.Soak.Report;
using SkiaSharp;

namespace ImageClassifier.Soak.Tests;

public sealed class HostileCorpusTests
{
    private static readonly IReadOnlyList<HostileCase> Corpus = HostileCorpus.Create(Jpeg(), new byte[400], maxImageBytes: 64 * 1024);

    [Fact]
    public void Every_request_has_its_own_name()
    {
        Assert.Equal(Corpus.Count, Corpus.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("chunk size 100000000", "raw")]
    [InlineData("100 MB text field", "http")]
    [InlineData("(414)", "raw")]
    [InlineData("(431)", "raw")]
    [InlineData("17 files", "http")]
    [InlineData("7000x5700", "http")]
    [InlineData("6000x6600", "http")]
    [InlineData("path traversal", "raw")]
    [InlineData("wrong method", "http")]
    [InlineData("unknown route", "http")]
    [InlineData("control character", "raw")]
    public void The_corpus_holds_each_kind_of_hostile_request_from_the_issue(string part, string transport)
    {
        Assert.Contains(Corpus, c => c.Name.Contains(part, StringComparison.Ordinal) && c.Transport == transport);
    }

    [Fact]
    public void Requests_that_must_be_refused_expect_a_problem_body()
    {
        var refusals = Corpus.Where(c => c.Expected.Text.Contains("problem", StringComparison.Ordinal) || c.Expected.Text.StartsWith('4')).ToList();
        var bare = Observed.From(404, null, []);

        Assert.True(refusals.Count > 40, $"{refusals.Count} refusals");
        Assert.All(refusals, c => Assert.False(c.Expected.Holds(bare), c.Name));
    }

    [Fact]
    public void Report_cells_cannot_break_the_markdown_table()
    {
        Assert.Equal("a\\|b\\r\\nc", MarkdownReport.Cell("a|b\r\nc"));
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(SKColors.Teal);
        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
