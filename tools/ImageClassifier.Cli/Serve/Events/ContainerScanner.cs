using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ImageClassifier.Cli.Serve.Events;

/// <summary>
/// Lists a container in name order and steps over names Azurite cannot list (see <see cref="UnlistableNames"/>): a page
/// that fails is retried smaller until the failing name is the next one, then listing resumes past it. Where to resume
/// is remembered, so later scans pay for the search once; each skipped prefix is reported once through
/// <paramref name="skipped"/>.
/// </summary>
internal sealed class ContainerScanner(BlobContainerClient container, Action<string> skipped)
{
    // Azurite sorts the whole blob collection for every page it answers, so few large pages cost least.
    private const int PageSize = 5000;
    private readonly UnlistableNames _unlistable = new(container);
    private readonly Dictionary<string, string> _resumeAfter = new(StringComparer.Ordinal);

    /// <summary>Every listable blob, in name order.</summary>
    public async IAsyncEnumerable<BlobItem> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var marker = "";
        var size = PageSize;
        while (true)
        {
            Page<BlobItem> page;
            try
            {
                page = await PageAsync(marker, size, cancellationToken);
            }
            catch (Exception ex) when (UnlistableNames.IsUnlistable(ex))
            {
                if (size > 1)
                {
                    size = Math.Max(1, size / 20);
                    continue;
                }

                if (await ResumeMarkerAsync(marker, cancellationToken) is not { } resume)
                {
                    throw;
                }

                marker = resume;
                continue;
            }

            foreach (var item in page.Values)
            {
                yield return item;
            }

            if (page.Values.Count == 0 || string.IsNullOrEmpty(page.ContinuationToken))
            {
                yield break;
            }

            // Azurite's marker is the last name listed; a name that was listed can be sent back as a marker.
            marker = page.Values[^1].Name;
            size = Math.Min(PageSize, size * 20);
        }
    }

    private async Task<string?> ResumeMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        if (_resumeAfter.TryGetValue(marker, out var known))
        {
            return known;
        }

        if (await _unlistable.SkipAfterAsync(marker, cancellationToken) is not { } skip)
        {
            return null;
        }

        _resumeAfter[marker] = skip.Resume;
        skipped(skip.Prefix);
        return skip.Resume;
    }

    private async Task<Page<BlobItem>> PageAsync(string marker, int size, CancellationToken cancellationToken)
    {
        await foreach (var page in container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(marker.Length == 0 ? null : marker, size))
        {
            return page;
        }

        throw new InvalidOperationException("List Blobs returned no page.");
    }
}
