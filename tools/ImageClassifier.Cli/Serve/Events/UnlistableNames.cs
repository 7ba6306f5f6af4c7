using System.Text;
using System.Xml;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ImageClassifier.Cli.Serve.Events;

/// <summary>
/// Finds where listing can resume past blob names that Azurite cannot list. Azurite 3.37 writes names into its XML
/// answer unescaped, so a name holding a control character (say <c>wrd/ctl\u0001.jpg</c>) makes every List Blobs page
/// that contains it fail with 500, and so does any request whose marker or prefix holds one (both are echoed).
/// Azurite's marker is the last name listed (names are compared ordinally), so a page can start after any name we
/// choose; this class narrows down, with one-result probes whose prefix and marker are printable, the printable part
/// of the first unlistable name after a given name, and returns a marker just past every name that starts that way.
/// </summary>
internal sealed class UnlistableNames(BlobContainerClient container)
{
    private const int MaxProbes = 2000;
    private int _probes;

    /// <summary>A probe's answer: the first name after the marker, none, or a failure to list it.</summary>
    private enum Answer { Empty, Good, Unlistable }

    /// <summary>True for the errors Azurite's unlistable names cause.</summary>
    public static bool IsUnlistable(Exception ex) =>
        ex is RequestFailedException { Status: 500 } or XmlException || ex.InnerException is XmlException;

    /// <summary>
    /// The first name after <paramref name="last"/> cannot be listed: returns the printable prefix all such names share
    /// and a marker past them, or null when the search gives up (after <see cref="MaxProbes"/> probes).
    /// </summary>
    public async Task<(string Prefix, string Resume)?> SkipAfterAsync(string last, CancellationToken cancellationToken)
    {
        _probes = 0;
        var prefix = "";
        while (_probes < MaxProbes)
        {
            var next = await NextCharacterAsync(prefix, last, cancellationToken);
            if (next is null)
            {
                // The failing name continues with a character below the space: skip every name that does.
                return (prefix, prefix + " ");
            }

            prefix += next;
        }

        return null;
    }

    // The next character of the first name after `last` under `prefix`, when it can be written in a probe; null when it
    // is a control character.
    private async Task<string?> NextCharacterAsync(string prefix, string last, CancellationToken cancellationToken)
    {
        for (var c = ' '; c <= '~'; c++)
        {
            var candidate = prefix + c;
            if (string.CompareOrdinal(candidate, last) < 0 && !last.StartsWith(candidate, StringComparison.Ordinal))
            {
                continue; // every name under it sorts before `last`
            }

            var (answer, _) = await ProbeAsync(candidate, last, cancellationToken);
            if (answer == Answer.Unlistable)
            {
                return candidate[^1..];
            }

            if (answer == Answer.Good)
            {
                return null; // a listable name comes first here, so the failing one continues below the space
            }
        }

        // Nothing continues with printable ASCII: a control character (below the space) or a character beyond ASCII.
        return string.CompareOrdinal(prefix + " ", last) > 0 ? null : await BeyondAsciiAsync(prefix, last, cancellationToken);
    }

    // Bisects the code points above '~' for the failing name's next one: a probe from prefix + c fails while c is not
    // past it.
    private async Task<string?> BeyondAsciiAsync(string prefix, string last, CancellationToken cancellationToken)
    {
        int low = 0, high = ValidCount; // the answer is the last index whose probe fails
        while (low < high && _probes < MaxProbes)
        {
            var middle = low + ((high - low + 1) / 2);
            var marker = prefix + CodePoint(middle);
            var (answer, _) = await ProbeAsync(prefix, string.CompareOrdinal(marker, last) > 0 ? marker : last, cancellationToken);
            if (answer == Answer.Unlistable)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return CodePoint(low);
    }

    private async Task<(Answer Answer, string? Name)> ProbeAsync(string prefix, string marker, CancellationToken cancellationToken)
    {
        _probes++;
        try
        {
            await foreach (var page in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).AsPages(marker.Length == 0 ? null : marker, 1))
            {
                return page.Values.Count == 0 ? (Answer.Empty, null) : (Answer.Good, page.Values[0].Name);
            }

            return (Answer.Empty, null);
        }
        catch (Exception ex) when (IsUnlistable(ex))
        {
            return (Answer.Unlistable, null);
        }
    }

    // Code points above '~' that XML can carry (no surrogates, no U+FFFE/U+FFFF), numbered from 0.
    private const int ValidCount = (0xD7FF - 0x7F + 1) + (0xFFFD - 0xE000 + 1) + (0x10FFFF - 0x10000 + 1) - 1;

    private static string CodePoint(int index)
    {
        var value = index + 0x7F;
        if (value > 0xD7FF)
        {
            value += 0xE000 - 0xD800;
        }

        if (value > 0xFFFD)
        {
            value += 0x10000 - 0xFFFE;
        }

        return char.ConvertFromUtf32(value);
    }
}
