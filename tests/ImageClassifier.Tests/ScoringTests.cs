using ImageClassifier.Inference;

namespace ImageClassifier.Tests;

public class ScoringTests
{
    [Fact]
    public void Softmax_matches_the_definition_computed_in_double()
    {
        float[] logits = [1.5f, -0.25f, 3f, 0f, 2.75f];
        var probabilities = new float[logits.Length];

        Scoring.Softmax(logits, probabilities);

        var sum = logits.Sum(l => Math.Exp(l));
        for (var i = 0; i < logits.Length; i++)
        {
            Assert.Equal(Math.Exp(logits[i]) / sum, probabilities[i], 1e-6);
        }
    }

    [Fact]
    public void Softmax_probabilities_sum_to_one()
    {
        var random = new Random(7);
        var logits = Enumerable.Range(0, 1000).Select(_ => (float)((random.NextDouble() * 40) - 20)).ToArray();
        var probabilities = new float[logits.Length];

        Scoring.Softmax(logits, probabilities);

        Assert.Equal(1.0, probabilities.Sum(p => (double)p), 1e-4);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Softmax_of_huge_logits_does_not_overflow()
    {
        // exp(1000) is infinite in float; only the max-shifted form gives e^0 / (e^0 + e^1) and e^1 / (e^0 + e^1).
        float[] logits = [1000f, 1001f];
        var probabilities = new float[2];

        Scoring.Softmax(logits, probabilities);

        Assert.Equal(1 / (1 + Math.E), probabilities[0], 1e-6);
        Assert.Equal(Math.E / (1 + Math.E), probabilities[1], 1e-6);
    }

    [Fact]
    public void Softmax_can_work_in_place()
    {
        float[] values = [0f, 0f, (float)Math.Log(2)];

        Scoring.Softmax(values, values);

        Assert.Equal(0.25, values[0], 1e-6);
        Assert.Equal(0.25, values[1], 1e-6);
        Assert.Equal(0.5, values[2], 1e-6);
    }

    [Fact]
    public void Softmax_of_equal_logits_is_uniform()
    {
        var logits = Enumerable.Repeat(-3.5f, 8).ToArray();
        var probabilities = new float[8];

        Scoring.Softmax(logits, probabilities);

        Assert.All(probabilities, p => Assert.Equal(0.125, p, 1e-7));
    }

    [Fact]
    public void TopK_returns_indices_of_the_largest_values_largest_first()
    {
        float[] values = [0.1f, 0.7f, -2f, 0.9f, 0.3f, 0.5f];

        var top = Scoring.TopK(values, 3);

        Assert.Equal([3, 1, 5], top);
    }

    [Fact]
    public void TopK_keeps_the_lower_index_first_among_ties()
    {
        float[] values = [0.2f, 0.5f, 0.5f, 0.1f, 0.5f];

        var top = Scoring.TopK(values, 4);

        Assert.Equal([1, 2, 4, 0], top);
    }

    [Fact]
    public void TopK_larger_than_the_input_returns_every_index_in_order()
    {
        float[] values = [3f, 1f, 2f];

        var top = Scoring.TopK(values, 10);

        Assert.Equal([0, 2, 1], top);
    }

    [Fact]
    public void TopK_of_one_is_the_argmax()
    {
        float[] values = [-5f, -1f, -3f, -1.5f];

        var top = Scoring.TopK(values, 1);

        Assert.Equal([1], top);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(37)]
    [InlineData(1000)]
    public void TopK_agrees_with_a_full_stable_sort(int k)
    {
        var random = new Random(k);
        // Rounded values so that ties occur and the tie rule is exercised too.
        var values = Enumerable.Range(0, 1000).Select(_ => MathF.Round((float)random.NextDouble() * 50) / 50).ToArray();

        var top = Scoring.TopK(values, k);

        var expected = values.Select((v, i) => (v, i)).OrderByDescending(p => p.v).ThenBy(p => p.i).Take(k).Select(p => p.i);
        Assert.Equal(expected, top);
    }
}
