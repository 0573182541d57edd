namespace Psrp.Transport;

/// <summary>WSMan authentication mechanisms (PowerShell's AuthenticationMechanism), for <c>-Authentication</c>.</summary>
public enum AuthenticationMechanism
{
    /// <summary>Negotiate unless the transport decides otherwise.</summary>
    Default,

    /// <summary>HTTP Basic.</summary>
    Basic,

    /// <summary>SPNEGO (Kerberos or NTLM).</summary>
    Negotiate,

    /// <summary>Negotiate with the current user's implicit credential.</summary>
    NegotiateWithImplicitCredential,

    /// <summary>CredSSP (delegates the credential to the server).</summary>
    Credssp,

    /// <summary>HTTP Digest.</summary>
    Digest,

    /// <summary>Kerberos.</summary>
    Kerberos,
}
