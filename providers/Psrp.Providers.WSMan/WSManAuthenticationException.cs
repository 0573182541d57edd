using Psrp.Transport;

namespace Psrp.Providers.WSMan;

/// <summary>
/// Authentication with the WSMan server failed: the credentials were refused, no ticket or KDC was
/// available, the SPN is unknown, the server does not offer the scheme asked for, or message
/// encryption could not be used. The message says which, for which host and what to do; it never
/// holds a password, hash, token or session key.
/// </summary>
public sealed class WSManAuthenticationException : PsrpTransportException
{
    /// <summary>Creates the exception.</summary>
    public WSManAuthenticationException(TransportPhase phase, string host, WSManAuthenticationFailure failure, string message, Exception? innerException = null)
        : base(WSManTransportProvider.Name, phase, message, innerException)
    {
        Host = host;
        Failure = failure;
    }

    /// <summary>The server's host name as the client addressed it.</summary>
    public string Host { get; }

    /// <summary>What kind of failure it was.</summary>
    public WSManAuthenticationFailure Failure { get; }
}

/// <summary>The kinds of <see cref="WSManAuthenticationException"/>.</summary>
public enum WSManAuthenticationFailure
{
    /// <summary>The server refused the credentials (wrong user name or password, or no right to log on).</summary>
    CredentialsRefused,

    /// <summary>The client could not use the credentials: no ticket cache, a password the KDC refused, an unreachable KDC.</summary>
    NoUsableCredentials,

    /// <summary>The KDC does not know the service principal name asked for.</summary>
    TargetUnknown,

    /// <summary>The server does not offer the scheme asked for.</summary>
    SchemeNotOffered,

    /// <summary>The handshake failed for another reason (a bad token, clock skew, channel binding).</summary>
    HandshakeFailed,

    /// <summary>The server answered in plaintext after message encryption was negotiated, or a message did not decrypt.</summary>
    EncryptionRefused,
}
