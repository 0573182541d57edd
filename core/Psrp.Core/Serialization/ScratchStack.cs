using System.Buffers;
using System.Runtime.CompilerServices;

namespace Psrp.Serialization;

/// <summary>
/// A pooled stack the reader gathers children on while it reads a container, so each container
/// is created once at its exact size instead of growing by doubling. Nested containers use the
/// part above their parent's children. A mutable struct: keep it in a field, never copy it.
/// </summary>
internal struct ScratchStack<T>
{
    private const int KeptLength = 1024;

    private T[]? _items;
    private int _count;
    private int _highWater;

    /// <summary>How many items are on the stack; a container remembers this as its start.</summary>
    public readonly int Count => _count;

    public void Push(T item)
    {
        if (_items is null || _count == _items.Length)
        {
            Grow();
        }

        _items![_count++] = item;
        if (_count > _highWater)
        {
            _highWater = _count;
        }
    }

    /// <summary>The items pushed since <paramref name="start"/>, valid until the next push.</summary>
    public readonly ReadOnlySpan<T> Above(int start) => _items is null ? default : _items.AsSpan(start, _count - start);

    /// <summary>Drops the items pushed since <paramref name="start"/>.</summary>
    public void Truncate(int start) => _count = start;

    /// <summary>Copies the items pushed since <paramref name="start"/> to an exact-size array and drops them.</summary>
    public T[] PopToArray(int start)
    {
        var items = Above(start).ToArray();
        _count = start;
        return items;
    }

    /// <summary>
    /// Empties the stack for the next document: clears what was pushed (no reference to a read
    /// document survives it) and keeps a small buffer, returning a big one to the pool.
    /// </summary>
    public void Reset()
    {
        if (_items is not null && _items.Length <= KeptLength)
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                Array.Clear(_items, 0, _highWater);
            }

            _count = _highWater = 0;
            return;
        }

        Dispose();
    }

    /// <summary>Returns the buffer to the pool, cleared so the pool keeps no reference to what was read.</summary>
    public void Dispose()
    {
        if (_items is not null)
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                Array.Clear(_items, 0, _highWater);
            }

            ArrayPool<T>.Shared.Return(_items);
            _items = null;
        }

        _count = _highWater = 0;
    }

    private void Grow()
    {
        var bigger = ArrayPool<T>.Shared.Rent(_items is null ? 16 : _items.Length * 2);
        if (_items is not null)
        {
            _items.AsSpan(0, _count).CopyTo(bigger);
            Array.Clear(_items, 0, _highWater);
            ArrayPool<T>.Shared.Return(_items);
        }

        _items = bigger;
    }
}
