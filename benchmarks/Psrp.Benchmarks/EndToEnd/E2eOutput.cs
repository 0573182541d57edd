namespace Psrp.Benchmarks.EndToEnd;

/// <summary>What a run gave back: the item count and how many touched values were present.</summary>
/// <param name="Items">Output items received.</param>
/// <param name="Touched">Items whose touched value was non-null.</param>
/// <param name="Characters">Total length of the touched values that were strings (checks the 16 MiB string).</param>
public readonly record struct E2eOutput(long Items, long Touched, long Characters)
{
    /// <summary>Adds one touched value.</summary>
    public E2eOutput With(object? touched) => new(
        Items + 1,
        Touched + (touched is null ? 0 : 1),
        Characters + (touched is string s ? s.Length : 0));
}
