namespace Psrp.Serialization;

/// <summary>
/// Bounds the CLIXML reader enforces so that hostile or broken input fails with a typed error
/// and bounded memory instead of exhausting the process.
/// </summary>
public sealed record ClixmlLimits
{
    /// <summary>The defaults: generous for real PowerShell output, far from what would hurt the process.</summary>
    public static ClixmlLimits Default { get; } = new();

    /// <summary>
    /// Deepest nesting of <c>Obj</c> elements, a top-level object being depth 1 (default 128;
    /// PowerShell's own output rarely exceeds 10). The same measure as <see cref="ClixmlWriter"/>'s maxDepth.
    /// </summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>Most elements in one document (default 50 million).</summary>
    public long MaxElements { get; init; } = 50_000_000;

    /// <summary>
    /// Longest text of one element or attribute, in UTF-16 characters once XML references are
    /// resolved (default 256 Mi characters). Checked while the text is gathered, so an over-long
    /// value is refused before a buffer for it is grown; <c>_xHHHH_</c> unescaping only shortens text.
    /// </summary>
    public int MaxStringLength { get; init; } = 256 << 20;

    /// <summary>
    /// Largest document, in UTF-16 characters; 0 means no limit beyond the other bounds (default 0:
    /// PSRP messages are already bounded by the fragment layer's maximum object size).
    /// </summary>
    public long MaxDocumentCharacters { get; init; }

    internal void Validate()
    {
        if (MaxDepth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be at least 1.");
        }

        if (MaxElements < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxElements), MaxElements, "MaxElements must be at least 1.");
        }

        if (MaxStringLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxStringLength), MaxStringLength, "MaxStringLength cannot be negative.");
        }

        if (MaxDocumentCharacters < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDocumentCharacters), MaxDocumentCharacters, "MaxDocumentCharacters cannot be negative.");
        }
    }
}
