using Psrp.Fragments;

namespace Psrp.Transport;

/// <summary>
/// How much of a run of whole fragments goes into one packet (an out-of-proc Data line, a WSMan Send):
/// whole fragments only, at most one fragment size of bytes and at most a given number of fragments, but
/// always at least one fragment so that a fragment larger than the limit still goes out (alone).
/// </summary>
/// <remarks>
/// PowerShell's client cuts its queued fragment bytes at exactly one fragment size, even inside a
/// fragment (SerializedDataStream.ReadOrRegisterCallback reads min(queued, fragment size) bytes); its
/// servers reassemble fragments split across lines. We cut between fragments instead, which every
/// receiver that accepts PowerShell's cut accepts too, which keeps a line's fragment count (the
/// <see cref="TransportOptions.MaxFragmentsPerPacket"/> knob) meaningful, and which WSMan requires
/// (MS-PSRP 2.2.4: a fragment is never split across Send requests).
/// </remarks>
public static class FragmentPacking
{
    /// <summary>Checks that <paramref name="fragments"/> is a sequence of whole fragments.</summary>
    /// <exception cref="ArgumentException">It ends inside a fragment or a header has a negative length.</exception>
    public static void Validate(ReadOnlySpan<byte> fragments)
    {
        var offset = 0;
        while (offset < fragments.Length)
        {
            offset += Size(fragments[offset..]);
        }
    }

    /// <summary>
    /// The length of the leading whole fragments of <paramref name="fragments"/> that fit in
    /// <paramref name="maxBytes"/> and number at most <paramref name="maxFragments"/>; when
    /// <paramref name="atLeastOne"/>, the first fragment counts even if it alone is larger. 0 when none fits.
    /// </summary>
    public static int Measure(ReadOnlySpan<byte> fragments, long maxBytes, int maxFragments, bool atLeastOne = true)
    {
        var length = 0;
        var count = 0;
        while (length < fragments.Length && count < maxFragments)
        {
            var size = Size(fragments[length..]);
            if (length + (long)size > maxBytes && !(atLeastOne && count == 0))
            {
                break;
            }

            length += size;
            count++;
        }

        return length;
    }

    /// <summary>The byte size (header included) of the fragment at the start of <paramref name="fragments"/>.</summary>
    private static int Size(ReadOnlySpan<byte> fragments)
    {
        if (!FragmentHeader.TryRead(fragments, out var header) || header.BlobLength < 0)
        {
            throw new ArgumentException("The data to send must consist of whole fragments.", nameof(fragments));
        }

        if (header.BlobLength > fragments.Length - FragmentHeader.Size)
        {
            throw new ArgumentException("The data to send ends inside a fragment.", nameof(fragments));
        }

        return FragmentHeader.Size + header.BlobLength;
    }
}
