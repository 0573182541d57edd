using System.Collections;

namespace Psrp.Serialization;

/// <summary>
/// An ordered property collection with case-insensitive lookup, the way PowerShell resolves
/// member names. Order is kept because PowerShell's output formatting and the protocol
/// captures depend on it.
/// </summary>
public sealed class PsPropertyCollection : IReadOnlyList<PsProperty>
{
    // Objects on the wire usually carry a handful of properties: a linear scan beats hashing
    // until the count grows, so the index is built only for large collections.
    internal const int IndexThreshold = 12;

    // One array of structs: the reader hands over an exact-size array, so a deserialized
    // property bag is this object plus one array, not a list and an object per property.
    private PsProperty[] _items;
    private int _count;
    private Dictionary<string, int>? _index;

    /// <summary>Creates an empty collection.</summary>
    public PsPropertyCollection() => _items = [];

    /// <summary>Takes ownership of <paramref name="items"/> (the reader's exact-size array; duplicates resolve last-wins).</summary>
    internal PsPropertyCollection(PsProperty[] items)
    {
        _items = items;
        _count = items.Length;
        if (_count > IndexThreshold)
        {
            BuildIndex();
        }
    }

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public PsProperty this[int index] => (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Gets the value of the named property, or sets it (adding the property when absent).</summary>
    public object? this[string name]
    {
        get
        {
            var i = IndexOf(name);
            return i < 0 ? null : _items[i].Value;
        }

        set
        {
            var i = IndexOf(name);
            if (i < 0)
            {
                Append(new PsProperty(name, value));
            }
            else
            {
                _items[i] = new PsProperty(_items[i].Name, value);
            }
        }
    }

    /// <summary>Appends a property. A second property with the same name (case-insensitive) is rejected.</summary>
    public PsProperty Add(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IndexOf(name) >= 0)
        {
            throw new ArgumentException($"A property named '{name}' already exists.", nameof(name));
        }

        var property = new PsProperty(name, value);
        Append(property);
        return property;
    }

    /// <summary>Finds a property by name (case-insensitive), or null.</summary>
    public PsProperty? Find(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : _items[i];
    }

    /// <summary>Gets the value of a property by name (case-insensitive); false when absent.</summary>
    public bool TryGetValue(string name, out object? value)
    {
        var i = IndexOf(name);
        value = i < 0 ? null : _items[i].Value;
        return i >= 0;
    }

    /// <summary>True when a property with this name exists.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The properties in order (valid until the next change).</summary>
    internal ReadOnlySpan<PsProperty> AsSpan() => _items.AsSpan(0, _count);

    /// <summary>Enumerates the properties in order without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<PsProperty> IEnumerable<PsProperty>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The position of the named property (the last one when the wire repeated a name), or -1.</summary>
    private int IndexOf(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var i) ? i : -1;
        }

        var items = _items;
        for (var i = _count - 1; i >= 0; i--)
        {
            if (string.Equals(items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private void Append(PsProperty property)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _count * 2));
        }

        _items[_count++] = property;
        if (_index is not null)
        {
            _index[property.Name] = _count - 1;
        }
        else if (_count > IndexThreshold)
        {
            BuildIndex();
        }
    }

    private void BuildIndex()
    {
        _index = new Dictionary<string, int>(_count * 2, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _count; i++)
        {
            _index[_items[i].Name] = i;
        }
    }

    /// <summary>A non-allocating enumerator over the properties in order.</summary>
    public struct Enumerator : IEnumerator<PsProperty>
    {
        private readonly PsPropertyCollection _collection;
        private int _position;

        internal Enumerator(PsPropertyCollection collection)
        {
            _collection = collection;
            _position = -1;
        }

        /// <inheritdoc />
        public readonly PsProperty Current => _collection._items[_position];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext() => ++_position < _collection._count;

        /// <inheritdoc />
        public void Reset() => _position = -1;

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
