using System.Buffers.Binary;

namespace Psrp.Fragments;

/// <summary>
/// The 21-byte header in front of every fragment blob: object id, fragment id, flags and blob
/// length, integers in big-endian order (MS-PSRP 2.2.4).
/// </summary>
public readonly struct FragmentHeader : IEquatable<FragmentHeader>
{
    /// <summary>Size of the encoded header in bytes.</summary>
    public const int Size = 21;

    private const int FragmentIdOffset = 8;
    private const int FlagsOffset = 16;
    private const int BlobLengthOffset = 17;

    /// <summary>Creates a header to be written.</summary>
    /// <param name="objectId">Id of the object (message) the fragment belongs to.</param>
    /// <param name="fragmentId">Position of the fragment within its object, starting at 0.</param>
    /// <param name="flags">Start/End markers.</param>
    /// <param name="blobLength">Number of blob bytes following the header.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blobLength"/> is negative.</exception>
    public FragmentHeader(ulong objectId, ulong fragmentId, FragmentFlags flags, int blobLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blobLength);
        ObjectId = objectId;
        FragmentId = fragmentId;
        Flags = flags;
        BlobLength = blobLength;
    }

    // Wire values are kept verbatim (even a negative length) so that validation, with a precise
    // error, happens in one place: the assembler.
    private FragmentHeader(ReadOnlySpan<byte> source)
    {
        ObjectId = BinaryPrimitives.ReadUInt64BigEndian(source);
        FragmentId = BinaryPrimitives.ReadUInt64BigEndian(source[FragmentIdOffset..]);
        Flags = (FragmentFlags)source[FlagsOffset];
        BlobLength = BinaryPrimitives.ReadInt32BigEndian(source[BlobLengthOffset..]);
    }

    /// <summary>Id shared by all fragments of one object; senders start at 1 and increase it per object.</summary>
    public ulong ObjectId { get; }

    /// <summary>Position of this fragment within its object: 0 for the first, then +1.</summary>
    public ulong FragmentId { get; }

    /// <summary>The flags byte as sent, including any reserved bits.</summary>
    public FragmentFlags Flags { get; }

    /// <summary>
    /// Number of blob bytes after the header. A header read from the wire reports the value as
    /// sent, which can be negative for malformed input; <see cref="FragmentAssembler"/> rejects that.
    /// </summary>
    public int BlobLength { get; }

    /// <summary>Whether this is the first fragment of its object.</summary>
    public bool IsStart => (Flags & FragmentFlags.Start) != 0;

    /// <summary>Whether this is the last fragment of its object.</summary>
    public bool IsEnd => (Flags & FragmentFlags.End) != 0;

    /// <summary>Reads a header from the start of <paramref name="source"/>, without validating it.</summary>
    /// <param name="source">Bytes starting at a fragment boundary.</param>
    /// <param name="header">The header read, or <c>default</c> when there are too few bytes.</param>
    /// <returns><c>false</c> when <paramref name="source"/> is shorter than <see cref="Size"/>.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, out FragmentHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return false;
        }

        header = new FragmentHeader(source);
        return true;
    }

    /// <summary>Writes the 21 header bytes to the start of <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"A fragment header needs {Size} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, ObjectId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[FragmentIdOffset..], FragmentId);
        destination[FlagsOffset] = (byte)Flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[BlobLengthOffset..], BlobLength);
    }

    /// <inheritdoc />
    public bool Equals(FragmentHeader other) =>
        ObjectId == other.ObjectId && FragmentId == other.FragmentId && Flags == other.Flags && BlobLength == other.BlobLength;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FragmentHeader other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ObjectId, FragmentId, Flags, BlobLength);

    /// <summary>Whether two headers have the same field values.</summary>
    /// <param name="left">First header.</param>
    /// <param name="right">Second header.</param>
    public static bool operator ==(FragmentHeader left, FragmentHeader right) => left.Equals(right);

    /// <summary>Whether two headers differ in any field.</summary>
    /// <param name="left">First header.</param>
    /// <param name="right">Second header.</param>
    public static bool operator !=(FragmentHeader left, FragmentHeader right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() =>
        $"ObjectId={ObjectId} FragmentId={FragmentId} Flags=0x{(byte)Flags:X2} BlobLength={BlobLength}";
}
