using System.Collections;

namespace Psrp.Serialization;

/// <summary>
/// The entries of a <c>&lt;DCT&gt;</c> container in wire order. Keys may be any serializable value;
/// string keys can be looked up case-insensitively, as a PowerShell hashtable would.
/// </summary>
public sealed class PsDictionary : IReadOnlyList<KeyValuePair<object?, object?>>
{
    private readonly List<KeyValuePair<object?, object?>> _entries = [];

    /// <summary>Creates an empty dictionary.</summary>
    public PsDictionary()
    {
    }

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public KeyValuePair<object?, object?> this[int index] => _entries[index];

    /// <summary>Gets the value for a string key (case-insensitive), or sets it (replacing or appending).</summary>
    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : null;
        set
        {
            var i = IndexOf(key);
            if (i >= 0)
            {
                _entries[i] = new KeyValuePair<object?, object?>(_entries[i].Key, value);
            }
            else
            {
                _entries.Add(new KeyValuePair<object?, object?>(key, value));
            }
        }
    }

    /// <summary>Appends an entry as-is (the wire can carry any key, even duplicates).</summary>
    public void Add(object? key, object? value) => _entries.Add(new KeyValuePair<object?, object?>(key, value));

    /// <summary>Finds the value of a string key (case-insensitive).</summary>
    public bool TryGetValue(string key, out object? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : null;
        return i >= 0;
    }

    /// <summary>True when a string key exists (case-insensitive).</summary>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <summary>The keys, in order.</summary>
    public IEnumerable<object?> Keys => _entries.Select(e => e.Key);

    private int IndexOf(string key)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key is string s && string.Equals(s, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<object?, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();
}
