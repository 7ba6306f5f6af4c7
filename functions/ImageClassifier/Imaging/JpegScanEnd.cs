namespace ImageClassifier.Imaging;

/// <summary>
/// Finds where the entropy-coded data of a single-scan sequential JPEG ends. libjpeg, meeting the end-of-image marker
/// before it has decoded every block the frame header declares, fills the rest in grey and reports success (a warning
/// Skia drops), so a header declaring 7000x5700 over 640x427 of data decodes "successfully". Handing the decoder the
/// scan data without that marker, followed by a few bytes of zero padding for its look-ahead, makes a short scan run
/// out of input instead, which Skia reports as <see cref="SkiaSharp.SKCodecResult.IncompleteInput"/>. A complete scan
/// never reads past its own end plus the look-ahead (at most 4 bytes, libjpeg's MIN_GET_BITS of 25).
/// Progressive and multi-scan files need the marker to finish reading their scans, so they are left as they are.
/// </summary>
internal static class JpegScanEnd
{
    /// <summary>Zero bytes appended after the scan data: more than the decoder's bit-buffer look-ahead.</summary>
    public const int Padding = 16;

    private const byte Sof0 = 0xC0;
    private const byte Sof1 = 0xC1;
    private const byte Sos = 0xDA;
    private const byte Eoi = 0xD9;

    /// <summary>The offset of the end-of-image marker that directly follows the only scan of a sequential Huffman JPEG; -1 otherwise.</summary>
    public static int Find(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return -1;
        }

        var sequential = false;
        var i = 2;
        while (i + 1 < jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
            {
                return -1;
            }

            var marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte before a marker
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2; // markers without a length
                continue;
            }

            if (i + 3 >= jpeg.Length)
            {
                return -1;
            }

            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                sequential = marker is Sof0 or Sof1;
            }

            if (marker == Sos)
            {
                var end = ScanDataEnd(jpeg, i + 2 + length);
                return sequential && end + 1 < jpeg.Length && jpeg[end + 1] == Eoi ? end : -1;
            }

            i += 2 + length;
        }

        return -1;
    }

    // The offset of the first marker after the entropy-coded data (stuffed 0xFF00 and restart markers belong to the
    // data). IndexOf is vectorised: a 12 MP scan is walked in well under a millisecond.
    private static int ScanDataEnd(ReadOnlySpan<byte> jpeg, int start)
    {
        var i = start;
        while (i < jpeg.Length)
        {
            var next = jpeg[i..].IndexOf((byte)0xFF);
            if (next < 0 || i + next + 1 >= jpeg.Length)
            {
                return jpeg.Length;
            }

            i += next;
            var code = jpeg[i + 1];
            if (code == 0x00 || code is >= 0xD0 and <= 0xD7)
            {
                i += 2;
            }
            else if (code == 0xFF)
            {
                i++;
            }
            else
            {
                return i;
            }
        }

        return jpeg.Length;
    }
}
