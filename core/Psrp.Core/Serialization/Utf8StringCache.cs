using System.Buffers.Binary;
using System.Text;

namespace Psrp.Serialization;

/// <summary>
/// Reuses string instances for short ASCII text that repeats within one document — property
/// names above all, but also enum names and small values — so a message of a thousand similar
/// objects (or a thousand one-object messages) does not allocate the same names a thousand times. A fixed, direct-mapped table: a
/// collision simply replaces the slot, so memory stays bounded whatever the peer sends.
/// </summary>
internal sealed class Utf8StringCache
{
    public const int MaxLength = 32;
    private readonly string?[] _slots;

    /// <summary>
    /// A table of 256 slots, made once per thread: the reader that owns it is reused for every
    /// document on its thread, so names repeat across a pipeline's messages too, not only within one.
    /// </summary>
    public Utf8StringCache() => _slots = new string?[256];

    /// <summary>The string for <paramref name="utf8"/>, cached when it is short ASCII.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength || utf8.IsEmpty)
        {
            return utf8.IsEmpty ? string.Empty : Encoding.UTF8.GetString(utf8);
        }

        if (!Ascii.IsValid(utf8))
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var slot = ref _slots[Hash(utf8) & (uint)(_slots.Length - 1)];
        if (slot is { } cached && cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        return slot = Encoding.ASCII.GetString(utf8);
    }

    /// <summary>
    /// A cheap hash of 1 to 32 bytes: its first and last eight (which overlap for short text) and
    /// its length, multiplied to spread the bits. Only a slot index: a hit is still compared in full.
    /// </summary>
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        ulong bits;
        if (utf8.Length >= sizeof(ulong))
        {
            bits = BinaryPrimitives.ReadUInt64LittleEndian(utf8) ^ (BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..]) * 31);
        }
        else
        {
            bits = 0;
            foreach (var b in utf8)
            {
                bits = (bits << 8) | b;
            }
        }

        bits = (bits ^ (ulong)utf8.Length) * 0x9E3779B97F4A7C15;
        return (uint)(bits >> 40);
    }
}
