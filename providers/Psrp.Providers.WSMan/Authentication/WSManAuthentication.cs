namespace Psrp.Providers.WSMan.Authentication;

/// <summary>
/// How requests prove who sends them. Implementations here: <see cref="BasicAuthentication"/> and
/// <see cref="CertificateAuthentication"/> (per request) and <see cref="NegotiateSchemeAuthentication"/>
/// (per connection, with message encryption over HTTP; see <see cref="BindsToConnection"/>).
/// </summary>
/// <remarks>Implementations must never put a secret in a log message, an exception or <see cref="object.ToString"/>.</remarks>
public abstract class WSManAuthentication
{
    /// <summary>The scheme's name for messages (e.g. <c>Basic</c>).</summary>
    public abstract string Name { get; }

    /// <summary>True when the scheme protects credentials without TLS (so plain HTTP is safe for it).</summary>
    public virtual bool ProtectsCredentialsWithoutTls => false;

    /// <summary>
    /// True when the scheme authenticates a TCP connection rather than a request (NTLM, Kerberos,
    /// Negotiate): the client then keeps one security context per connection and uses each connection
    /// for one request at a time.
    /// </summary>
    public virtual bool BindsToConnection => false;

    /// <summary>Sets up the HTTP handler (client certificates, connection reuse) before the first request.</summary>
    public virtual void Configure(SocketsHttpHandler handler)
    {
    }

    /// <summary>Adds the <c>Authorization</c> header (or other proof) to one request.</summary>
    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Name;
}
