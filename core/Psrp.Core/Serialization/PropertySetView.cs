namespace Psrp.Serialization;

/// <summary>
/// One property set of a <see cref="PsObject"/> in order, read where it lies (the object's own
/// fields, the reader's array or the collection), so walking it creates nothing.
/// </summary>
internal readonly ref struct PropertySetView
{
    private readonly ReadOnlySpan<PsProperty> _items;
    private readonly InlinePropertyNames? _names;
    private readonly PsObject? _owner;

    public PropertySetView(ReadOnlySpan<PsProperty> items)
    {
        _items = items;
        Count = items.Length;
    }

    /// <summary>The set <paramref name="owner"/> keeps in its own fields, named by <paramref name="names"/>.</summary>
    public PropertySetView(PsObject owner, InlinePropertyNames names)
    {
        _owner = owner;
        _names = names;
        Count = names.Count;
    }

    public int Count { get; }

    /// <summary>The name and unboxed integer of property <paramref name="index"/> when it is one (see <see cref="PackedPrimitive"/>).</summary>
    public bool TryGetPacked(int index, out string name, out PackedPrimitive? kind, out long bits)
    {
        if (_owner is not null && _owner.TryGetPacked(index, out kind, out bits))
        {
            name = _names![index];
            return true;
        }

        (name, kind, bits) = (string.Empty, null, 0);
        return false;
    }

    public PsProperty this[int index]
    {
        get
        {
            if (_names is null)
            {
                return _items[index];
            }

            return (uint)index < (uint)Count
                ? new PsProperty(_names[index], _owner!.InlineValue(index))
                : throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}
