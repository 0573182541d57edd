namespace Psrp.Serialization;

/// <summary>
/// The names of a property set of one or two properties whose values a <see cref="PsObject"/>
/// keeps in its own fields. Immutable, so every object of the same shape (a stream of
/// <c>[pscustomobject]@{A=..; B=..}</c>) shares one instance: such an object then costs no
/// property array at all, which matters because a large result's GC time grows with its object count.
/// </summary>
internal sealed class InlinePropertyNames
{
    /// <summary>The most properties an object keeps in its own fields.</summary>
    public const int MaxCount = 2;

    public InlinePropertyNames(string name0, string? name1)
    {
        Name0 = name0;
        Name1 = name1;
        Count = name1 is null ? 1 : 2;
    }

    public string Name0 { get; }

    /// <summary>The second name, or null for a one-property set.</summary>
    public string? Name1 { get; }

    public int Count { get; }

    /// <summary>The name at <paramref name="index"/> (0 or 1, below <see cref="Count"/>).</summary>
    public string this[int index] => index == 0 ? Name0 : Name1!;

    /// <summary>True when these are exactly <paramref name="name0"/> and <paramref name="name1"/>, in that order.</summary>
    public bool Matches(string name0, string? name1) =>
        string.Equals(Name0, name0, StringComparison.Ordinal) && string.Equals(Name1, name1, StringComparison.Ordinal);

    /// <summary>
    /// The position of the named property (case-insensitive; the second when both match, as a
    /// repeated name resolves last-wins), or -1.
    /// </summary>
    public int IndexOf(string name)
    {
        if (Name1 is not null && string.Equals(Name1, name, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return string.Equals(Name0, name, StringComparison.OrdinalIgnoreCase) ? 0 : -1;
    }
}
