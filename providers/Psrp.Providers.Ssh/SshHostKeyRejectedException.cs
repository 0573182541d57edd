using Psrp.Providers.Ssh.KnownHosts;
using Psrp.Transport;

namespace Psrp.Providers.Ssh;

/// <summary>
/// The server's host key was refused: unknown under <c>StrictHostKeyChecking yes</c>, different
/// from the one on file (a changed key, or a man in the middle), or revoked. The message names the
/// host, the key's fingerprint, the known_hosts lines involved and what to do.
/// </summary>
public sealed class SshHostKeyRejectedException : PsrpTransportException
{
    /// <summary>Creates the exception.</summary>
    public SshHostKeyRejectedException(string hostName, HostKeyStatus status, string keyType, string fingerprint, string message)
        : base(SshTransportProvider.Name, TransportPhase.Connect, message)
    {
        HostName = hostName;
        Status = status;
        KeyType = keyType;
        Fingerprint = fingerprint;
    }

    /// <summary>The host as known_hosts names it (<c>host</c> or <c>[host]:port</c>).</summary>
    public string HostName { get; }

    /// <summary>Why the key was refused.</summary>
    public HostKeyStatus Status { get; }

    /// <summary>The offered key's type.</summary>
    public string KeyType { get; }

    /// <summary>The offered key's fingerprint (<c>SHA256:…</c>).</summary>
    public string Fingerprint { get; }
}
