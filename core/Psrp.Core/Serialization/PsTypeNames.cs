using System.Collections;

namespace Psrp.Serialization;

/// <summary>
/// The ordered type-name list of a serialized object (most derived first), as carried by a
/// CLIXML <c>&lt;TN&gt;</c> element. Instances are immutable so that every object of a
/// document that shares one <c>&lt;TN&gt;</c>/<c>&lt;TNRef&gt;</c> can share one instance.
/// </summary>
public sealed class PsTypeNames : IReadOnlyList<string>, IEquatable<PsTypeNames>
{
    private readonly string[] _names;

    /// <summary>The empty list (an object with no <c>&lt;TN&gt;</c>, such as a protocol message body).</summary>
    public static PsTypeNames Empty { get; } = new([]);

    /// <summary><c>System.Management.Automation.PSCustomObject, System.Object</c>.</summary>
    public static PsTypeNames PSCustomObject { get; } = new(["System.Management.Automation.PSCustomObject", "System.Object"]);

    /// <summary><c>System.Object[], System.Array, System.Object</c>.</summary>
    public static PsTypeNames ObjectArray { get; } = new(["System.Object[]", "System.Array", "System.Object"]);

    /// <summary><c>System.Collections.Hashtable, System.Object</c>.</summary>
    public static PsTypeNames Hashtable { get; } = new(["System.Collections.Hashtable", "System.Object"]);

    /// <summary><c>System.Collections.ArrayList, System.Object</c>.</summary>
    public static PsTypeNames ArrayList { get; } = new(["System.Collections.ArrayList", "System.Object"]);

    /// <summary>Creates a list from type names, most derived first.</summary>
    public PsTypeNames(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = names;
    }

    /// <summary>Creates a list from type names, most derived first.</summary>
    public PsTypeNames(IEnumerable<string> names) : this(names.ToArray())
    {
    }

    /// <summary>
    /// The type names of an enum type as PowerShell writes them:
    /// <c>Type, System.Enum, System.ValueType, System.Object</c>.
    /// </summary>
    public static PsTypeNames ForEnum(string enumTypeName) =>
        new(enumTypeName, "System.Enum", "System.ValueType", "System.Object");

    /// <inheritdoc />
    public string this[int index] => _names[index];

    /// <inheritdoc />
    public int Count => _names.Length;

    /// <summary>The most derived type name, or null when the list is empty.</summary>
    public string? MostDerived => _names.Length == 0 ? null : _names[0];

    /// <summary>True when any name in the list equals <paramref name="typeName"/> (ordinal), with or without a <c>Deserialized.</c> prefix.</summary>
    public bool Contains(string typeName)
    {
        foreach (var name in _names)
        {
            if (name == typeName)
            {
                return true;
            }

            if (name.Length == typeName.Length + DeserializedPrefix.Length &&
                name.StartsWith(DeserializedPrefix, StringComparison.Ordinal) &&
                name.AsSpan(DeserializedPrefix.Length).SequenceEqual(typeName))
            {
                return true;
            }
        }

        return false;
    }

    private const string DeserializedPrefix = "Deserialized.";

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_names).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _names.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(PsTypeNames? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null && _names.AsSpan().SequenceEqual(other._names);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PsTypeNames);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var name in _names)
        {
            hash.Add(name, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _names);
}
