using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Providers.Ssh;

/// <summary>
/// The out-of-proc transport on one SSH channel. Disposing it closes the channel (the remote
/// PowerShell process ends) and releases its <see cref="Connection"/>.
/// </summary>
public sealed class SshTransport : DelegatingPsrpTransport
{
    internal SshTransport(OutOfProcTransport inner, SshConnection connection, SshChannelTarget target)
        : base(inner)
    {
        Connection = connection;
        Target = target;
    }

    /// <summary>The SSH connection carrying this transport's channel (shared with other transports opened on it).</summary>
    public SshConnection Connection { get; }

    /// <summary>What runs on the channel.</summary>
    public SshChannelTarget Target { get; }
}
