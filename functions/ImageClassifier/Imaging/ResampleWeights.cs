using System.Buffers;

namespace ImageClassifier.Imaging;

/// <summary>
/// Filter taps for one axis of an antialiased bilinear (triangle) resize, computed the way Pillow's
/// <c>ImagingResample</c> does (and so torchvision's <c>Resize</c>): when shrinking, the triangle widens by the
/// scale factor so every source pixel contributes. Only the output range that survives the centre crop is computed.
/// </summary>
internal sealed class ResampleWeights : IDisposable
{
    private const double Support = 1.0;

    private int[] _first;
    private int[] _count;
    private float[] _weights;

    /// <summary>Taps for outputs <paramref name="outStart"/>..+<paramref name="outCount"/> of an <paramref name="inSize"/> to <paramref name="outSize"/> resize.</summary>
    public ResampleWeights(int inSize, int outSize, int outStart, int outCount)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        MaxTaps = ((int)Math.Ceiling(support) * 2) + 1;
        Count = outCount;
        _first = ArrayPool<int>.Shared.Rent(outCount);
        _count = ArrayPool<int>.Shared.Rent(outCount);
        _weights = ArrayPool<float>.Shared.Rent(outCount * MaxTaps);
        var inverse = 1.0 / filterScale;
        Span<double> taps = stackalloc double[MaxTaps];
        for (var i = 0; i < outCount; i++)
        {
            var center = (outStart + i + 0.5) * scale;
            // (int) truncates toward zero, as Pillow's C cast does; negative starts clamp to 0 either way.
            var min = Math.Max((int)(center - support + 0.5), 0);
            var max = Math.Min((int)(center + support + 0.5), inSize) - min;
            var total = 0.0;
            for (var x = 0; x < max; x++)
            {
                var w = Triangle((x + min - center + 0.5) * inverse);
                taps[x] = w;
                total += w;
            }

            var row = _weights.AsSpan(i * MaxTaps, MaxTaps);
            row.Clear();
            for (var x = 0; x < max; x++)
            {
                row[x] = (float)(total != 0.0 ? taps[x] / total : 0.0);
            }

            _first[i] = min;
            _count[i] = max;
        }
    }

    /// <summary>Outputs described.</summary>
    public int Count { get; }

    /// <summary>Stride between the tap rows of consecutive outputs.</summary>
    public int MaxTaps { get; }

    /// <summary>First input index read by output <paramref name="i"/>.</summary>
    public int First(int i) => _first[i];

    /// <summary>Every output's taps, <see cref="MaxTaps"/> apart (unused taps are zero).</summary>
    public ReadOnlySpan<float> AllWeights => _weights.AsSpan(0, Count * MaxTaps);

    /// <summary>First input index of every output.</summary>
    public ReadOnlySpan<int> AllFirsts => _first.AsSpan(0, Count);

    /// <summary>Tap count of every output.</summary>
    public ReadOnlySpan<int> AllTaps => _count.AsSpan(0, Count);

    /// <summary>Normalised weights of output <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Weights(int i) => _weights.AsSpan(i * MaxTaps, _count[i]);

    /// <summary>Lowest input index any output reads.</summary>
    public int InputStart => Count == 0 ? 0 : _first[0];

    /// <summary>One past the highest input index any output reads.</summary>
    public int InputEnd
    {
        get
        {
            var end = 0;
            for (var i = 0; i < Count; i++)
            {
                end = Math.Max(end, _first[i] + _count[i]);
            }

            return end;
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_first);
        ArrayPool<int>.Shared.Return(_count);
        ArrayPool<float>.Shared.Return(_weights);
        _first = [];
        _count = [];
        _weights = [];
    }

    private static double Triangle(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }
}
