namespace Psrp.Providers.Ssh.KnownHosts;

/// <summary>The marker that may start a known_hosts line (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT).</summary>
public enum KnownHostMarker
{
    /// <summary>An ordinary host key.</summary>
    None,

    /// <summary><c>@cert-authority</c>: a CA key for host certificates (not used by this provider).</summary>
    CertAuthority,

    /// <summary><c>@revoked</c>: the key must never be accepted.</summary>
    Revoked,
}
