namespace Psrp.Serialization;

/// <summary>
/// A named property value of a <see cref="PsObject"/> (an adapted or a note property). A value
/// type: a deserialized object keeps its properties in one array of these, so a property costs
/// no object of its own (most of a large result's objects are property bags). Change a value
/// through <see cref="PsPropertyCollection"/>'s name indexer.
/// </summary>
public readonly struct PsProperty
{
    /// <summary>Creates a property.</summary>
    public PsProperty(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Value = value;
    }

    /// <summary>The property name, decoded (no <c>_xHHHH_</c> escapes).</summary>
    public string Name { get; }

    /// <summary>The value: null, a primitive, a <see cref="PsObject"/>, or another value the serializer knows.</summary>
    public object? Value { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} = {Value}";
}
