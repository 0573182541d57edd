using Psrp.Transport;

namespace Psrp.Providers.Ssh;

/// <summary>
/// The server refused every authentication method offered for the user. The message names the
/// user, the host, the methods tried (never a password or passphrase) and what to check.
/// </summary>
public sealed class SshAuthenticationFailedException : PsrpTransportException
{
    /// <summary>Creates the exception.</summary>
    public SshAuthenticationFailedException(string userName, string host, IReadOnlyList<string> methodsTried, string message, Exception? innerException = null)
        : base(SshTransportProvider.Name, TransportPhase.Connect, message, innerException)
    {
        UserName = userName;
        Host = host;
        MethodsTried = methodsTried;
    }

    /// <summary>The user name sent to the server.</summary>
    public string UserName { get; }

    /// <summary>The server (<c>host:port</c>).</summary>
    public string Host { get; }

    /// <summary>The methods offered, e.g. <c>publickey (~/.ssh/id_ed25519)</c>, <c>password</c>.</summary>
    public IReadOnlyList<string> MethodsTried { get; }
}
