using Psrp.Messages;
using Psrp.Serialization;

namespace Psrp.Runspaces;

/// <summary>What the client asks for when it opens a runspace pool.</summary>
public sealed record RunspacePoolSettings
{
    /// <summary>
    /// The protocol version to announce. 2.4 (PowerShell 7.6) by default: servers answer with their
    /// own older version, and with 2.4 on both sides no session-key exchange is needed.
    /// </summary>
    public Version ProtocolVersion { get; init; } = SessionCapability.Protocol24;

    /// <summary>Minimum runspaces.</summary>
    public int MinRunspaces { get; init; } = 1;

    /// <summary>Maximum runspaces (pipelines that can run at once).</summary>
    public int MaxRunspaces { get; init; } = 1;

    /// <summary>Thread options.</summary>
    public PSThreadOptions ThreadOptions { get; init; } = PSThreadOptions.Default;

    /// <summary>Apartment state.</summary>
    public ApartmentState ApartmentState { get; init; } = ApartmentState.Unknown;

    /// <summary>The host description sent to the server.</summary>
    public HostInfo HostInfo { get; init; } = HostInfo.None;

    /// <summary>Application arguments, visible on the server as <c>$PSSenderInfo.ApplicationArguments</c>.</summary>
    public PsDictionary? ApplicationArguments { get; init; }

    /// <summary>Checks the values the protocol can carry.</summary>
    public void Validate()
    {
        if (ProtocolVersion.Major != 2 || ProtocolVersion.Minor is < 0 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(ProtocolVersion), ProtocolVersion, "Protocol versions 2.0 to 2.4 exist.");
        }

        if (MinRunspaces < 1 || MaxRunspaces < MinRunspaces)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRunspaces), $"Need 1 <= MinRunspaces ({MinRunspaces}) <= MaxRunspaces ({MaxRunspaces}).");
        }
    }
}
