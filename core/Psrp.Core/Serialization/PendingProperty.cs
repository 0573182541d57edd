namespace Psrp.Serialization;

/// <summary>
/// A property the reader has read but not yet stored: an integer may still be unboxed
/// (<see cref="Value"/> is a <see cref="PackedPrimitive"/> and <see cref="Bits"/> holds it) until
/// the reader knows whether the set fits in the object's own fields.
/// </summary>
internal readonly struct PendingProperty
{
    public PendingProperty(string name, object? value, long bits)
    {
        Name = name;
        Value = value;
        Bits = bits;
    }

    public string Name { get; }

    public object? Value { get; }

    public long Bits { get; }

    public bool IsPacked => Value is PackedPrimitive;

    /// <summary>The value as an object, boxing a packed integer.</summary>
    public object? Boxed => Value is PackedPrimitive packed ? packed.Box(Bits) : Value;

    public PsProperty ToProperty() => new(Name, Boxed);
}
