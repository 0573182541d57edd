namespace Psrp.Serialization;

/// <summary>
/// One property set of a <see cref="PsObject"/> in order, read where it lies (the object's own
/// fields, the reader's array or the collection), so walking it creates nothing.
/// </summary>
internal readonly ref struct PropertySetView
{
    private readonly ReadOnlySpan<PsProperty> _items;
    private readonly InlinePropertyNames? _names;
    private readonly object? _value0;
    private readonly object? _value1;

    public PropertySetView(ReadOnlySpan<PsProperty> items)
    {
        _items = items;
        Count = items.Length;
    }

    public PropertySetView(InlinePropertyNames names, object? value0, object? value1)
    {
        _names = names;
        _value0 = value0;
        _value1 = value1;
        Count = names.Count;
    }

    public int Count { get; }

    public PsProperty this[int index]
    {
        get
        {
            if (_names is null)
            {
                return _items[index];
            }

            return (uint)index < (uint)Count
                ? new PsProperty(_names[index], index == 0 ? _value0 : _value1)
                : throw new ArgumentOutOfRangeException(nameof(index));
        }
    }
}
