namespace Psrp.Fragments;

/// <summary>
/// The bytes of unfinished objects one connection may hold across all its channels. Each
/// <see cref="FragmentAssembler"/> of a connection reserves what a fragment announces before it
/// buffers it and gives it back when the object completes or the assembler is discarded, so a peer
/// that opens many objects on many channels and never finishes them is stopped at this limit, not
/// at the per-object limit times the number of channels. Thread-safe.
/// </summary>
public sealed class ReceiveBudget
{
    private long _held;

    /// <summary>Creates a budget of <paramref name="limit"/> bytes.</summary>
    public ReceiveBudget(long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
    }

    /// <summary>The most the connection may hold.</summary>
    public long Limit { get; }

    /// <summary>What is held now.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Reserves <paramref name="bytes"/>; false (and nothing reserved) when that would pass the limit.</summary>
    public bool TryReserve(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        while (true)
        {
            var held = Interlocked.Read(ref _held);
            if (held + bytes > Limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _held, held + bytes, held) == held)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back <paramref name="bytes"/> reserved earlier.</summary>
    public void Release(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Interlocked.Add(ref _held, -bytes);
    }
}
