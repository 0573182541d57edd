using Psrp.Fragments;

namespace Psrp.Providers.WSMan;

/// <summary>
/// Splits a run of whole fragments into payloads of at most a given size without ever cutting a
/// fragment (MS-PSRP 2.2.4 forbids that for WSMan). A fragment larger than the limit travels alone.
/// </summary>
internal static class FragmentChunks
{
    /// <summary>The length of the first payload: the most leading whole fragments that fit in <paramref name="maxPayload"/> (at least one).</summary>
    public static int FirstLength(ReadOnlySpan<byte> fragments, int maxPayload)
    {
        var length = 0;
        while (length < fragments.Length)
        {
            if (!FragmentHeader.TryRead(fragments[length..], out var header))
            {
                throw new ArgumentException("The data to send must consist of whole fragments.", nameof(fragments));
            }

            var size = FragmentHeader.Size + header.BlobLength;
            if (length + size > fragments.Length)
            {
                throw new ArgumentException("The data to send ends inside a fragment.", nameof(fragments));
            }

            if (length > 0 && length + size > maxPayload)
            {
                break;
            }

            length += size;
        }

        return length;
    }

    /// <summary>Every payload of <paramref name="fragments"/>, in order.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> fragments, int maxPayload)
    {
        while (!fragments.IsEmpty)
        {
            var length = FirstLength(fragments.Span, maxPayload);
            yield return fragments[..length];
            fragments = fragments[length..];
        }
    }
}
