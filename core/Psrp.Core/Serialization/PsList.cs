namespace Psrp.Serialization;

/// <summary>The items of a list-like container (<c>LST</c>, <c>IE</c>, <c>STK</c>, <c>QUE</c>), in wire order.</summary>
public sealed class PsList : List<object?>
{
    /// <summary>Creates an empty list of the given kind.</summary>
    public PsList(PsCollectionKind kind = PsCollectionKind.List)
    {
        Kind = kind;
    }

    /// <summary>Creates an empty list of the given kind with room for <paramref name="capacity"/> items.</summary>
    internal PsList(PsCollectionKind kind, int capacity) : base(capacity)
    {
        Kind = kind;
    }

    /// <summary>Creates a list holding <paramref name="items"/>.</summary>
    public PsList(IEnumerable<object?> items, PsCollectionKind kind = PsCollectionKind.List) : base(items)
    {
        Kind = kind;
    }

    /// <summary>The container element this list maps to.</summary>
    public PsCollectionKind Kind { get; set; }
}
