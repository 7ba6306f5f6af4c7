using System.Collections.Concurrent;
using ImageClassifier.Results;

namespace ImageClassifier.Inference;

/// <summary>
/// A bounded cache of labels for image bytes already seen, keyed by their SHA-256 and the label count (the model is
/// fixed per engine). Eviction is first-in, first-out: cheap, lock-free on reads, and enough for retries and duplicates.
/// </summary>
internal sealed class ResultCache(int capacity)
{
    private readonly ConcurrentDictionary<(string Sha256, int Top), (LabelScore[] Labels, ImageDetails Image)> _entries = new();
    private readonly ConcurrentQueue<(string Sha256, int Top)> _order = new();

    public bool TryGet(string sha256, int top, out (LabelScore[] Labels, ImageDetails Image) entry)
    {
        if (capacity > 0 && _entries.TryGetValue((sha256, top), out entry))
        {
            return true;
        }

        entry = default;
        return false;
    }

    public void Add(string sha256, int top, LabelScore[] labels, ImageDetails image)
    {
        if (capacity <= 0 || !_entries.TryAdd((sha256, top), (labels, image)))
        {
            return;
        }

        _order.Enqueue((sha256, top));
        while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }
}
