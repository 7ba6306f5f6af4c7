using ImageClassifier.Soak.Blobs;

namespace ImageClassifier.Soak.Tests;

public sealed class LabelTallyTests
{
    [Fact]
    public void Each_confirmed_upload_needs_exactly_one_entity()
    {
        string[] uploaded = ["a.jpg", "b.jpg", "c.jpg", "d.jpg"];
        (string, string)[] entities = [("a.jpg", "ok"), ("b.jpg", "failed"), ("b.jpg", "ok"), ("c.jpg", "failed")];

        var tally = LabelTally.Of(uploaded, entities);

        Assert.Equal(new LabelTally(Uploaded: 4, Labelled: 3, Failed: 1, Lost: 1, Duplicated: 1), tally);
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_different_blobs()
    {
        var tally = LabelTally.Of(["x.jpg", "X.jpg"], [("x.jpg", "ok"), ("X.jpg", "ok")]);

        Assert.Equal(0, tally.Lost);
        Assert.Equal(0, tally.Duplicated);
    }
}
