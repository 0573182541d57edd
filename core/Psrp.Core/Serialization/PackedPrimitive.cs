namespace Psrp.Serialization;

/// <summary>
/// Stands, in a <see cref="PsObject"/>'s inline property field, for an integer the object keeps
/// unboxed in a 64-bit field of its own. The box is made the first time someone reads the value
/// and then replaces this marker, so a value costs a box only if it is ever asked for, and at
/// most one. (A stream of small objects is mostly integers and strings; a box is a third of such
/// an object's allocations and GC work.)
/// </summary>
internal sealed class PackedPrimitive
{
    /// <summary>An <see cref="int"/> (<c>I32</c>).</summary>
    public static readonly PackedPrimitive Int32 = new(isInt64: false);

    /// <summary>A <see cref="long"/> (<c>I64</c>).</summary>
    public static readonly PackedPrimitive Int64 = new(isInt64: true);

    private PackedPrimitive(bool isInt64) => IsInt64 = isInt64;

    /// <summary>True for a <see cref="long"/>, false for an <see cref="int"/>.</summary>
    public bool IsInt64 { get; }

    /// <summary>The boxed value of <paramref name="bits"/>, as the reader would have boxed it.</summary>
    public object Box(long bits) => IsInt64 ? bits : (object)(int)bits;
}
