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
    private const int IndexThreshold = 12;

    private readonly List<PsProperty> _items;
    private Dictionary<string, int>? _index;

    /// <summary>Creates an empty collection.</summary>
    public PsPropertyCollection() => _items = [];

    internal PsPropertyCollection(int capacity) => _items = new List<PsProperty>(capacity);

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public PsProperty this[int index] => _items[index];

    /// <summary>Gets the value of the named property, or sets it (adding the property when absent).</summary>
    public object? this[string name]
    {
        get => Find(name)?.Value;
        set
        {
            var existing = Find(name);
            if (existing is null)
            {
                Add(name, value);
            }
            else
            {
                existing.Value = value;
            }
        }
    }

    /// <summary>Appends a property. A second property with the same name (case-insensitive) is rejected.</summary>
    public PsProperty Add(string name, object? value)
    {
        if (Find(name) is not null)
        {
            throw new ArgumentException($"A property named '{name}' already exists.", nameof(name));
        }

        var property = new PsProperty(name, value);
        AddUnchecked(property);
        return property;
    }

    /// <summary>Appends without the duplicate check; the reader uses it and resolves duplicates as last-wins in <see cref="Find"/>.</summary>
    internal void AddUnchecked(PsProperty property)
    {
        _items.Add(property);
        if (_index is not null)
        {
            _index[property.Name] = _items.Count - 1;
        }
        else if (_items.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_items.Count * 2, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _items.Count; i++)
            {
                _index[_items[i].Name] = i;
            }
        }
    }

    /// <summary>Finds a property by name (case-insensitive), or null.</summary>
    public PsProperty? Find(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var i) ? _items[i] : null;
        }

        for (var i = _items.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return _items[i];
            }
        }

        return null;
    }

    /// <summary>True when a property with this name exists.</summary>
    public bool Contains(string name) => Find(name) is not null;

    /// <inheritdoc />
    public IEnumerator<PsProperty> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
