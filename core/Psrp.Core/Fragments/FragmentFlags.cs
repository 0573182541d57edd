namespace Psrp.Fragments;

/// <summary>The flags byte of a fragment header (MS-PSRP 2.2.4).</summary>
/// <remarks>
/// Only the two low bits have a meaning. Senders write the other bits as 0 and receivers ignore
/// them: PowerShell's sources mention a never-used "C" flag (0x04), so a strict check would only
/// buy incompatibility.
/// </remarks>
[Flags]
public enum FragmentFlags : byte
{
    /// <summary>A middle fragment: neither the first nor the last of its object.</summary>
    None = 0,

    /// <summary>The first fragment of an object (its fragment id is 0).</summary>
    Start = 0x01,

    /// <summary>The last fragment of an object. A one-fragment object has <c>Start | End</c>.</summary>
    End = 0x02,
}
