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
    // Each property set is null, the reader's exact-size PsProperty[] (until someone asks for the
    // collection), or a PsPropertyCollection. A deserialized property bag is then this object and
    // one array: a large result has tens of thousands of them, and every object costs GC time.
    private object? _adapted;
    private object? _extended;

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
    public PsPropertyCollection AdaptedProperties => Collection(ref _adapted);

    /// <summary>Extended properties: note properties added by PowerShell's type system or the script (<c>&lt;MS&gt;</c>).</summary>
    public PsPropertyCollection ExtendedProperties => Collection(ref _extended);

    /// <summary>True when at least one adapted property exists (without allocating the collection).</summary>
    public bool HasAdaptedProperties => !Span(_adapted).IsEmpty;

    /// <summary>True when at least one extended property exists (without allocating the collection).</summary>
    public bool HasExtendedProperties => !Span(_extended).IsEmpty;

    /// <summary>The adapted properties in order, without creating the collection.</summary>
    internal ReadOnlySpan<PsProperty> AdaptedSpan => Span(_adapted);

    /// <summary>The extended properties in order, without creating the collection.</summary>
    internal ReadOnlySpan<PsProperty> ExtendedSpan => Span(_extended);

    internal PsPropertyCollection? AdaptedOrNull => _adapted is null ? null : AdaptedProperties;

    internal PsPropertyCollection? ExtendedOrNull => _extended is null ? null : ExtendedProperties;

    /// <summary>Hands the reader's exact-size array over (no copy).</summary>
    internal void SetAdapted(PsProperty[] properties) => _adapted = properties;

    /// <summary>Hands the reader's exact-size array over (no copy).</summary>
    internal void SetExtended(PsProperty[] properties) => _extended = properties;

    private static PsPropertyCollection Collection(ref object? slot) => slot switch
    {
        PsPropertyCollection collection => collection,
        PsProperty[] items => (PsPropertyCollection)(slot = new PsPropertyCollection(items)),
        _ => (PsPropertyCollection)(slot = new PsPropertyCollection()),
    };

    private static ReadOnlySpan<PsProperty> Span(object? slot) => slot switch
    {
        PsProperty[] items => items,
        PsPropertyCollection collection => collection.AsSpan(),
        _ => default,
    };

    /// <summary>
    /// Finds the last property of that name (case-insensitive) in one set. A large set gets its
    /// collection, whose index makes repeated lookups cheap; small ones are scanned in place.
    /// </summary>
    private static bool TryFind(ref object? slot, string name, out PsProperty property)
    {
        if (slot is PsProperty[] { Length: > PsPropertyCollection.IndexThreshold })
        {
            Collection(ref slot);
        }

        if (slot is PsPropertyCollection collection)
        {
            var found = collection.Find(name);
            property = found.GetValueOrDefault();
            return found.HasValue;
        }

        var items = Span(slot);
        for (var i = items.Length - 1; i >= 0; i--)
        {
            if (string.Equals(items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                property = items[i];
                return true;
            }
        }

        property = default;
        return false;
    }

    /// <summary>The container when the base value is a list, or null.</summary>
    public PsList? List => BaseValue as PsList;

    /// <summary>The container when the base value is a dictionary, or null.</summary>
    public PsDictionary? Dictionary => BaseValue as PsDictionary;

    /// <summary>
    /// Looks a property up the way PowerShell does: extended (note) properties first, then adapted ones.
    /// </summary>
    public PsProperty? FindProperty(string name) =>
        TryFind(ref _extended, name, out var property) || TryFind(ref _adapted, name, out property) ? property : null;

    /// <summary>The value of a property (extended first, then adapted), or null when absent.</summary>
    public object? this[string name] =>
        TryFind(ref _extended, name, out var property) || TryFind(ref _adapted, name, out property) ? property.Value : null;

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
