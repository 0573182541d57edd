using Psrp.Fragments;

namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>
/// Cuts a byte stream of PSRP fragments into whole fragments. WinRM treats a stream as bytes, so a
/// client may split a fragment across Sends (the PowerShell plugin tolerates it); the out-of-proc
/// server behind a shell wants whole fragments. Memory is bounded by <see cref="MaxFragmentSize"/>.
/// </summary>
public sealed class FragmentCutter
{
    private byte[] _buffer = [];
    private int _length;

    /// <summary>Creates a cutter refusing fragments larger than <paramref name="maxFragmentSize"/> bytes (header included).</summary>
    public FragmentCutter(int maxFragmentSize) => MaxFragmentSize = maxFragmentSize;

    /// <summary>Largest fragment accepted, header included.</summary>
    public int MaxFragmentSize { get; }

    /// <summary>Whether bytes of an incomplete fragment are buffered.</summary>
    public bool HasPartialFragment => _length > 0;

    /// <summary>Adds bytes; returns the fragments they complete, in order, each as its own array.</summary>
    /// <exception cref="InvalidDataException">A fragment header announces more than <see cref="MaxFragmentSize"/>.</exception>
    public List<byte[]> Feed(ReadOnlySpan<byte> data)
    {
        var fragments = new List<byte[]>();
        if (_length == 0)
        {
            // The usual case: whole fragments, cut straight from the input.
            var consumed = CutWhole(data, fragments);
            data = data[consumed..];
        }

        if (data.IsEmpty)
        {
            return fragments;
        }

        Append(data);
        var used = CutWhole(_buffer.AsSpan(0, _length), fragments);
        _buffer.AsSpan(used, _length - used).CopyTo(_buffer);
        _length -= used;
        return fragments;
    }

    private int CutWhole(ReadOnlySpan<byte> data, List<byte[]> fragments)
    {
        var offset = 0;
        while (FragmentHeader.TryRead(data[offset..], out var header))
        {
            var size = FragmentHeader.Size + (long)header.BlobLength;
            if (header.BlobLength < 0)
            {
                throw new InvalidDataException($"A fragment header announces a negative length ({header.BlobLength}).");
            }

            if (size > MaxFragmentSize)
            {
                throw new InvalidDataException($"A fragment of {size} bytes is larger than the {MaxFragmentSize} bytes this endpoint accepts.");
            }

            if (data.Length - offset < size)
            {
                break;
            }

            fragments.Add(data.Slice(offset, (int)size).ToArray());
            offset += (int)size;
        }

        return offset;
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        // What stays buffered between calls is one partial fragment (under MaxFragmentSize), so the
        // buffer never exceeds that plus one request's bytes.
        if (_buffer.Length < _length + data.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + data.Length, _buffer.Length * 2));
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }
}
