namespace ImageClassifier.Inference;

/// <summary>Softmax and top-k over one image's raw scores.</summary>
internal static class Scoring
{
    /// <summary>Softmax of <paramref name="logits"/> into <paramref name="probabilities"/>, shifted by the maximum so large logits cannot overflow.</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = System.Numerics.Tensors.TensorPrimitives.Max(logits);
        System.Numerics.Tensors.TensorPrimitives.Subtract(logits, max, probabilities);
        System.Numerics.Tensors.TensorPrimitives.Exp(probabilities, probabilities);
        var sum = System.Numerics.Tensors.TensorPrimitives.Sum(probabilities);
        System.Numerics.Tensors.TensorPrimitives.Divide(probabilities, sum, probabilities);
    }

    /// <summary>Indices of the <paramref name="k"/> largest values, largest first; ties keep the lower index first.</summary>
    public static int[] TopK(ReadOnlySpan<float> values, int k)
    {
        k = Math.Min(k, values.Length);
        var top = new int[k];
        var filled = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (filled == k && !(v > values[top[k - 1]]))
            {
                continue;
            }

            var position = filled < k ? filled++ : k - 1;
            while (position > 0 && v > values[top[position - 1]])
            {
                top[position] = top[position - 1];
                position--;
            }

            top[position] = i;
        }

        return top;
    }
}
