using System.Security.Cryptography.X509Certificates;
using Psrp.Providers.WSMan.Security;

namespace Psrp.Providers.WSMan.Http;

/// <summary>
/// One way to the server. For per-request schemes (Basic, certificates, none) a single shared
/// <see cref="HttpClient"/> with as many pooled connections as requests in flight. For
/// connection-bound schemes (NTLM, Kerberos, Negotiate) an <see cref="HttpClient"/> limited to one TCP
/// connection, that connection's security context, and the server certificate it saw (for channel
/// binding); the client lends it to one request at a time.
/// </summary>
internal sealed class WSManConnection(bool exclusive) : IDisposable
{
    /// <summary>The HTTP client over this connection's handler.</summary>
    public HttpClient Http { get; set; } = null!;

    /// <summary>True when the connection carries a security context and is used by one request at a time.</summary>
    public bool Exclusive { get; } = exclusive;

    /// <summary>The established security context, or null before the handshake (or after the connection was replaced).</summary>
    public WSManSecurityContext? Security { get; private set; }

    /// <summary>The server certificate validated on this connection's latest TLS handshake.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    public void Authenticated(WSManSecurityContext context)
    {
        Security?.Dispose();
        Security = context;
    }

    /// <summary>Drops the security context (the server no longer knows it); the next request authenticates again.</summary>
    public void Forget()
    {
        Security?.Dispose();
        Security = null;
    }

    public void Dispose()
    {
        Forget();
        Http?.Dispose();
        ServerCertificate?.Dispose();
    }
}
