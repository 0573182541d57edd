using System.Globalization;

namespace Psrp.Serialization;

/// <summary>
/// A serialized PowerShell object: what a CLIXML <c>&lt;Obj&gt;</c> carries. It keeps everything
/// the wire holds — type names, the ToString text, a primitive base value or a container,
/// adapted properties (<c>&lt;Props&gt;</c>) and extended/note properties (<c>&lt;MS&gt;</c>) —
/// so that objects of types this library does not know round-trip without loss.
/// </summary>
public sealed class PsObject
{
    private PsPropertyCollection? _adapted;
    private PsPropertyCollection? _extended;

    /// <summary>Creates an object with no type names (the shape of protocol message bodies).</summary>
    public PsObject()
    {
    }

    /// <summary>Creates an object with the given type names.</summary>
    public PsObject(PsTypeNames typeNames)
    {
        TypeNames = typeNames;
    }

    /// <summary>The type names, most derived first; <see cref="PsTypeNames.Empty"/> when the object had no <c>&lt;TN&gt;</c>.</summary>
    public PsTypeNames TypeNames { get; set; } = PsTypeNames.Empty;

    /// <summary>The <c>&lt;ToString&gt;</c> text, if the sender included one.</summary>
    public string? ToStringValue { get; set; }

    /// <summary>
    /// The object's base value: a primitive (the integer of an enum, a boxed primitive with notes
    /// attached), a <see cref="PsList"/> (LST, IE, STK, QUE) or a <see cref="PsDictionary"/> (DCT);
    /// null for a pure property bag.
    /// </summary>
    public object? BaseValue { get; set; }

    /// <summary>Adapted properties: the real .NET properties of the source object (<c>&lt;Props&gt;</c>).</summary>
    public PsPropertyCollection AdaptedProperties => _adapted ??= new PsPropertyCollection();

    /// <summary>Extended properties: note properties added by PowerShell's type system or the script (<c>&lt;MS&gt;</c>).</summary>
    public PsPropertyCollection ExtendedProperties => _extended ??= new PsPropertyCollection();

    /// <summary>True when at least one adapted property exists (without allocating the collection).</summary>
    public bool HasAdaptedProperties => _adapted is { Count: > 0 };

    /// <summary>True when at least one extended property exists (without allocating the collection).</summary>
    public bool HasExtendedProperties => _extended is { Count: > 0 };

    internal PsPropertyCollection? AdaptedOrNull => _adapted;

    internal PsPropertyCollection? ExtendedOrNull => _extended;

    internal void SetAdapted(PsPropertyCollection properties) => _adapted = properties;

    internal void SetExtended(PsPropertyCollection properties) => _extended = properties;

    /// <summary>The container when the base value is a list, or null.</summary>
    public PsList? List => BaseValue as PsList;

    /// <summary>The container when the base value is a dictionary, or null.</summary>
    public PsDictionary? Dictionary => BaseValue as PsDictionary;

    /// <summary>
    /// Looks a property up the way PowerShell does: extended (note) properties first, then adapted ones.
    /// </summary>
    public PsProperty? FindProperty(string name) => _extended?.Find(name) ?? _adapted?.Find(name);

    /// <summary>The value of a property (extended first, then adapted), or null when absent.</summary>
    public object? this[string name] =>
        _extended is not null && _extended.TryGetValue(name, out var value) ? value : _adapted?[name];

    /// <summary>
    /// Gets a property value converted to <typeparamref name="T"/>. Enum-shaped objects convert
    /// to their integer; missing or null values give <paramref name="defaultValue"/>.
    /// </summary>
    public T? Get<T>(string name, T? defaultValue = default)
    {
        var value = this[name];
        return value is null ? defaultValue : PsValue.ConvertTo<T>(value);
    }

    /// <summary>Creates a <c>[pscustomobject]</c> with the given note properties, in order.</summary>
    public static PsObject CreateCustomObject(params (string Name, object? Value)[] properties)
    {
        var obj = new PsObject(PsTypeNames.PSCustomObject);
        foreach (var (name, value) in properties)
        {
            obj.ExtendedProperties.Add(name, value);
        }

        return obj;
    }

    /// <summary>Creates an enum value the way PowerShell serializes one.</summary>
    public static PsObject CreateEnum(string enumTypeName, string name, int value) =>
        new(PsTypeNames.ForEnum(enumTypeName)) { ToStringValue = name, BaseValue = value };

    /// <summary>
    /// Creates an enum value from a .NET enum, named after its .NET type. The base value keeps the
    /// enum's underlying type (a <c>long</c> enum travels as <c>I64</c>, a <c>byte</c> one as <c>By</c>), as PowerShell writes it.
    /// </summary>
    public static PsObject CreateEnum<TEnum>(TEnum value, string? enumTypeName = null)
        where TEnum : struct, Enum =>
        new(PsTypeNames.ForEnum(enumTypeName ?? typeof(TEnum).FullName!))
        {
            ToStringValue = value.ToString(),
            BaseValue = Convert.ChangeType(value, Enum.GetUnderlyingType(typeof(TEnum)), CultureInfo.InvariantCulture),
        };

    /// <inheritdoc />
    public override string ToString()
    {
        if (ToStringValue is not null)
        {
            return ToStringValue;
        }

        if (BaseValue is not null)
        {
            return Convert.ToString(BaseValue, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return TypeNames.MostDerived ?? "PSObject";
    }
}
