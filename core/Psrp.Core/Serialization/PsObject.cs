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
    // Each property set is null, an InlinePropertyNames (one or two properties, values in the
    // _inline fields below), the reader's exact-size PsProperty[] (until someone asks for the
    // collection), or a PsPropertyCollection. A deserialized property bag of one or two
    // properties is then this object alone, and a larger one this object and one array: a large
    // result has tens of thousands of them, and its GC time grows with the number of objects.
    private object? _adapted;
    private object? _extended;

    // The values of the (at most one) property set whose slot holds InlinePropertyNames. One of
    // them may be a PackedPrimitive: the integer is then in _inlineBits, boxed on first read.
    private object? _inline0;
    private object? _inline1;
    private long _inlineBits;

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
    public bool HasAdaptedProperties => Count(_adapted) > 0;

    /// <summary>True when at least one extended property exists (without allocating the collection).</summary>
    public bool HasExtendedProperties => Count(_extended) > 0;

    /// <summary>The adapted properties in order, without creating the collection.</summary>
    internal PropertySetView AdaptedView => View(_adapted);

    /// <summary>The extended properties in order, without creating the collection.</summary>
    internal PropertySetView ExtendedView => View(_extended);

    internal PsPropertyCollection? AdaptedOrNull => _adapted is null ? null : AdaptedProperties;

    internal PsPropertyCollection? ExtendedOrNull => _extended is null ? null : ExtendedProperties;

    /// <summary>Hands the reader's exact-size array over (no copy).</summary>
    internal void SetAdapted(PsProperty[] properties) => _adapted = properties;

    /// <summary>Hands the reader's exact-size array over (no copy).</summary>
    internal void SetExtended(PsProperty[] properties) => _extended = properties;

    /// <summary>True when neither property set keeps its values in this object's fields yet.</summary>
    internal bool CanInline => _adapted is not InlinePropertyNames && _extended is not InlinePropertyNames;

    /// <summary>
    /// Keeps one or two adapted properties in this object's fields (only when <see cref="CanInline"/>);
    /// at most one value may be a <see cref="PackedPrimitive"/>, whose integer is <paramref name="bits"/>.
    /// </summary>
    internal void SetAdaptedInline(InlinePropertyNames names, object? value0, object? value1, long bits)
    {
        _adapted = names;
        SetInlineValues(value0, value1, bits);
    }

    /// <summary>
    /// Keeps one or two extended properties in this object's fields (only when <see cref="CanInline"/>);
    /// at most one value may be a <see cref="PackedPrimitive"/>, whose integer is <paramref name="bits"/>.
    /// </summary>
    internal void SetExtendedInline(InlinePropertyNames names, object? value0, object? value1, long bits)
    {
        _extended = names;
        SetInlineValues(value0, value1, bits);
    }

    private void SetInlineValues(object? value0, object? value1, long bits)
    {
        _inline0 = value0;
        _inline1 = value1;
        _inlineBits = bits;
    }

    /// <summary>
    /// The value of inline property 0 or 1. A packed integer is boxed once and the box kept in its
    /// place: two threads reading at once may each box it, but both get the same value, and the
    /// bits never change, so no lock is needed.
    /// </summary>
    internal object? InlineValue(int index)
    {
        ref var slot = ref index == 0 ? ref _inline0 : ref _inline1;
        var value = slot;
        if (value is PackedPrimitive packed)
        {
            value = packed.Box(_inlineBits);
            slot = value;
        }

        return value;
    }

    /// <summary>
    /// True when inline property 0 or 1 is still an unboxed integer, given in <paramref name="bits"/>:
    /// lets the writer write it without boxing it (or changing this object).
    /// </summary>
    internal bool TryGetPacked(int index, out PackedPrimitive? kind, out long bits)
    {
        kind = (index == 0 ? _inline0 : _inline1) as PackedPrimitive;
        bits = _inlineBits;
        return kind is not null;
    }

    private PsPropertyCollection Collection(ref object? slot) => slot switch
    {
        PsPropertyCollection collection => collection,
        PsProperty[] items => (PsPropertyCollection)(slot = new PsPropertyCollection(items)),

        // The inline values stay where they are: a reader on another thread that saw the names
        // a moment ago still finds its values. They are never read again once the slot changes.
        InlinePropertyNames names => (PsPropertyCollection)(slot = new PsPropertyCollection(InlineArray(names))),
        _ => (PsPropertyCollection)(slot = new PsPropertyCollection()),
    };

    private PsProperty[] InlineArray(InlinePropertyNames names) => names.Count == 1
        ? [new PsProperty(names.Name0, InlineValue(0))]
        : [new PsProperty(names.Name0, InlineValue(0)), new PsProperty(names.Name1!, InlineValue(1))];

    private static int Count(object? slot) => slot switch
    {
        null => 0,
        InlinePropertyNames names => names.Count,
        PsProperty[] items => items.Length,
        PsPropertyCollection collection => collection.Count,
        _ => 0,
    };

    private PropertySetView View(object? slot) => slot switch
    {
        InlinePropertyNames names => new PropertySetView(this, names),
        PsProperty[] items => new PropertySetView(items),
        PsPropertyCollection collection => new PropertySetView(collection.AsSpan()),
        _ => default,
    };

    /// <summary>
    /// Finds the last property of that name (case-insensitive) in one set. A large set gets its
    /// collection, whose index makes repeated lookups cheap; small ones are scanned in place.
    /// </summary>
    private bool TryFind(ref object? slot, string name, out object? value)
    {
        switch (slot)
        {
            case null:
                value = null;
                return false;
            case InlinePropertyNames names:
                var index = names.IndexOf(name);
                value = index < 0 ? null : InlineValue(index);
                return index >= 0;
            case PsProperty[] { Length: > PsPropertyCollection.IndexThreshold }:
                return Collection(ref slot).TryGetValue(name, out value);
            case PsProperty[] items:
                for (var i = items.Length - 1; i >= 0; i--)
                {
                    if (string.Equals(items[i].Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        value = items[i].Value;
                        return true;
                    }
                }

                value = null;
                return false;
            default:
                return ((PsPropertyCollection)slot).TryGetValue(name, out value);
        }
    }

    /// <summary>The container when the base value is a list, or null.</summary>
    public PsList? List => BaseValue as PsList;

    /// <summary>The container when the base value is a dictionary, or null.</summary>
    public PsDictionary? Dictionary => BaseValue as PsDictionary;

    /// <summary>
    /// Looks a property up the way PowerShell does: extended (note) properties first, then adapted ones.
    /// </summary>
    public PsProperty? FindProperty(string name) => Find(ref _extended, name) ?? Find(ref _adapted, name);

    /// <summary>The value of a property (extended first, then adapted), or null when absent.</summary>
    public object? this[string name] =>
        TryFind(ref _extended, name, out var value) || TryFind(ref _adapted, name, out value) ? value : null;

    /// <summary>The property of that name in one set, with the name as the wire spelled it, or null.</summary>
    private PsProperty? Find(ref object? slot, string name)
    {
        var view = View(slot);
        if (view.Count > PsPropertyCollection.IndexThreshold)
        {
            return Collection(ref slot).Find(name);
        }

        for (var i = view.Count - 1; i >= 0; i--)
        {
            var property = view[i];
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        return null;
    }

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

    /// <summary>
    /// The <c>&lt;ToString&gt;</c> text, else the text of the base value (following base values
    /// that are objects themselves), else the most derived type name.
    /// </summary>
    /// <remarks>
    /// The reader never builds a base value that leads back to its object, but <see cref="BaseValue"/>
    /// is settable, so the chain is followed in a loop that notices a cycle (Brent's algorithm: no
    /// allocation, a constant number of steps per object) and then gives this object's type name.
    /// Recursing instead would overflow the stack, which no handler can catch.
    /// </remarks>
    public override string ToString()
    {
        var current = this;
        var anchor = this;
        var power = 1;
        var steps = 0;
        while (true)
        {
            if (current.ToStringValue is { } text)
            {
                return text;
            }

            switch (current.BaseValue)
            {
                case null:
                    return current.TypeNames.MostDerived ?? "PSObject";
                case PsObject next:
                    current = next;
                    break;
                case var value:
                    return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }

            if (ReferenceEquals(current, anchor))
            {
                return TypeNames.MostDerived ?? "PSObject";
            }

            if (++steps == power)
            {
                anchor = current;
                power *= 2;
                steps = 0;
            }
        }
    }
}
