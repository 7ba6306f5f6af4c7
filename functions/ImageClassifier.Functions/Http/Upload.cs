using ImageClassifier.Capacity;

namespace ImageClassifier.Functions.Http;

/// <summary>The images of one classify request and the room they hold in the engine's memory budget; Dispose frees both.</summary>
public sealed class Upload : IDisposable
{
    private readonly MemoryLease _room;

    internal Upload(IReadOnlyList<UploadedImage> images, MemoryLease room)
    {
        Images = images;
        _room = room;
        // A chunked or multipart body reserved its upper bound; keep only what arrived.
        room.ShrinkTo(images.Sum(i => (long)i.Length));
    }

    /// <summary>The images, in upload order.</summary>
    public IReadOnlyList<UploadedImage> Images { get; }

    /// <summary>Frees the bytes and gives their room back.</summary>
    public void Dispose()
    {
        foreach (var image in Images)
        {
            image.Dispose();
        }

        _room.Dispose();
    }
}
