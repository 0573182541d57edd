namespace Psrp.Providers.Ssh.KnownHosts;

/// <summary>What the known_hosts files say about a server's host key.</summary>
public enum HostKeyStatus
{
    /// <summary>A line for this host holds exactly this key.</summary>
    Known,

    /// <summary>No line for this host holds a key of this type.</summary>
    Unknown,

    /// <summary>Lines for this host hold a different key of the same type: the key changed (or a man in the middle).</summary>
    Changed,

    /// <summary>An <c>@revoked</c> line holds this key.</summary>
    Revoked,
}
