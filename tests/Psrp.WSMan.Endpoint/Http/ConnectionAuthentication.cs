using System.Net.Security;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Psrp.WSMan.Endpoint.Http;

/// <summary>
/// What a TCP connection has proven: WinRM ties Negotiate/Kerberos authentication to the connection,
/// so the context lives here (one per Kestrel connection, disposed with it) and later requests on the
/// same connection need no Authorization header. A new connection knows nothing and gets a 401.
/// </summary>
public sealed class ConnectionAuthentication : IDisposable
{
    /// <summary>The context of the handshake in progress or done.</summary>
    public NegotiateAuthentication? Context { get; private set; }

    /// <summary>The HTTP scheme of the handshake: <c>Negotiate</c> or <c>Kerberos</c>.</summary>
    public string Scheme { get; private set; } = "Negotiate";

    /// <summary>The authenticated user, once the handshake is complete.</summary>
    public string? User { get; set; }

    /// <summary>The MIME protocol label of this connection's encrypted messages.</summary>
    public string Protocol => Scheme == "Kerberos" ? "application/HTTP-Kerberos-session-encrypted" : "application/HTTP-SPNEGO-session-encrypted";

    /// <summary>The state of <paramref name="context"/>'s connection (null when the server was set up without it).</summary>
    public static ConnectionAuthentication? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(ConnectionAuthentication), out var state) == true
            ? state as ConnectionAuthentication
            : null;

    /// <summary>Starts a new handshake, dropping any earlier context.</summary>
    public NegotiateAuthentication Start(string scheme, NegotiateAuthenticationServerOptions options)
    {
        Reset();
        Scheme = scheme;
        Context = new NegotiateAuthentication(options);
        return Context;
    }

    /// <summary>Forgets the context (a failed handshake).</summary>
    public void Reset()
    {
        Context?.Dispose();
        Context = null;
        User = null;
    }

    /// <inheritdoc />
    public void Dispose() => Reset();
}
