namespace Psrp.Serialization;

/// <summary>A named property value of a <see cref="PsObject"/> (an adapted or a note property).</summary>
public sealed class PsProperty
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
    public object? Value { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} = {Value}";
}
