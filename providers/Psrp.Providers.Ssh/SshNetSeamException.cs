using Psrp.Transport;

namespace Psrp.Providers.Ssh;

/// <summary>
/// The installed SSH.NET no longer has the internal members the ssh provider needs to open
/// subsystem channels (see <c>SshNetChannel.cs</c>). Pin SSH.NET to the tested version, or use
/// the <c>openssh</c> provider.
/// </summary>
public sealed class SshNetSeamException : PsrpTransportException
{
    /// <summary>Creates the exception.</summary>
    public SshNetSeamException(string message)
        : base(SshTransportProvider.Name, TransportPhase.Connect, message)
    {
    }
}
