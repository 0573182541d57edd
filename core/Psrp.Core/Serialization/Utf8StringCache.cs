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
            return utf8.IsEmpty ? string.Empty : System.Text.Encoding.UTF8.GetString(utf8);
        }

        uint hash = 2166136261;
        foreach (var b in utf8)
        {
            if (b >= 0x80)
            {
                return System.Text.Encoding.UTF8.GetString(utf8);
            }

            hash = (hash ^ b) * 16777619;
        }

        ref var slot = ref _slots[(hash ^ (hash >> 16)) & (uint)(_slots.Length - 1)];
        if (slot is { } cached && cached.Length == utf8.Length && Matches(cached, utf8))
        {
            return cached;
        }

        return slot = System.Text.Encoding.ASCII.GetString(utf8);
    }

    private static bool Matches(string cached, ReadOnlySpan<byte> ascii)
    {
        for (var i = 0; i < ascii.Length; i++)
        {
            if (cached[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }
}
