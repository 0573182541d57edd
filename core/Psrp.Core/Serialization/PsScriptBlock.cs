namespace Psrp.Serialization;

/// <summary>A script block as it travels (<c>&lt;SBK&gt;</c>): its text only; it never runs on this side.</summary>
/// <param name="Text">The script text.</param>
public sealed record PsScriptBlock(string Text)
{
    /// <inheritdoc />
    public override string ToString() => Text;
}
