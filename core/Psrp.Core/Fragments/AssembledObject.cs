using System.Buffers;

namespace Psrp.Fragments;

/// <summary>
/// One object (a whole PSRP message) put back together by <see cref="FragmentAssembler"/>. Its
/// bytes live in a pooled buffer that goes back to the pool on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Do not keep <see cref="Memory"/> or <see cref="Span"/> (or anything sliced from them, such as a
/// decoded message's data) past <see cref="Dispose"/>: the buffer will be reused for other data.
/// Forgetting to dispose is safe, merely slower: the buffer is then left to the garbage collector.
/// A class rather than a struct, so a copy can never return the same buffer to the pool twice.
/// </remarks>
public sealed class AssembledObject : IDisposable
{
    private readonly bool _pooled;
    private byte[]? _buffer;

    internal AssembledObject(ulong objectId, byte[] buffer, int length, bool pooled)
    {
        ObjectId = objectId;
        Length = length;
        _buffer = buffer;
        _pooled = pooled;
    }

    /// <summary>The object id shared by the fragments this object was built from.</summary>
    public ulong ObjectId { get; }

    /// <summary>Number of bytes in the object.</summary>
    public int Length { get; }

    /// <summary>The object's bytes.</summary>
    /// <exception cref="ObjectDisposedException">The object has been disposed.</exception>
    public ReadOnlyMemory<byte> Memory => new(Buffer, 0, Length);

    /// <summary>The object's bytes.</summary>
    /// <exception cref="ObjectDisposedException">The object has been disposed.</exception>
    public ReadOnlySpan<byte> Span => new(Buffer, 0, Length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(AssembledObject));

    /// <summary>Returns the buffer to the pool. Safe to call more than once.</summary>
    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _pooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
