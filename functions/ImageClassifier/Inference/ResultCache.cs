using System.Collections.Concurrent;
using ImageClassifier.Results;

namespace ImageClassifier.Inference;

/// <summary>
/// A bounded cache of labels for image bytes already seen, keyed by their SHA-256 and the label count (the model is
/// fixed per engine). Eviction is first-in, first-out: cheap, lock-free on reads, and enough for retries and duplicates.
/// </summary>
internal sealed class ResultCache(int capacity)
{
    private readonly ConcurrentDictionary<(string Sha256, int Top), LabelScore[]> _entries = new();
    private readonly ConcurrentQueue<(string Sha256, int Top)> _order = new();

    public bool TryGet(string sha256, int top, out LabelScore[] labels)
    {
        if (capacity > 0 && _entries.TryGetValue((sha256, top), out var found))
        {
            labels = found;
            return true;
        }

        labels = [];
        return false;
    }

    public void Add(string sha256, int top, LabelScore[] labels)
    {
        if (capacity <= 0 || !_entries.TryAdd((sha256, top), labels))
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
