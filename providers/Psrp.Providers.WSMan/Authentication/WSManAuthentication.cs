using System.Net.Http.Headers;

namespace Psrp.Providers.WSMan.Authentication;

/// <summary>
/// How requests prove who sends them. Implementations here: <see cref="BasicAuthentication"/> and
/// <see cref="CertificateAuthentication"/>. The seam is shaped for the connection-oriented schemes
/// still to come (NTLM, Kerberos, Negotiate, CredSSP): they configure the handler, answer 401
/// challenges through <see cref="HandleChallengeAsync"/> and supply a body wrapper for message encryption.
/// </summary>
/// <remarks>Implementations must never put a secret in a log message, an exception or <see cref="object.ToString"/>.</remarks>
public abstract class WSManAuthentication
{
    /// <summary>The scheme's name for messages (e.g. <c>Basic</c>).</summary>
    public abstract string Name { get; }

    /// <summary>True when the scheme protects credentials without TLS (so plain HTTP is safe for it).</summary>
    public virtual bool ProtectsCredentialsWithoutTls => false;

    /// <summary>Sets up the HTTP handler (client certificates, connection reuse) before the first request.</summary>
    public virtual void Configure(SocketsHttpHandler handler)
    {
    }

    /// <summary>Adds the <c>Authorization</c> header (or other proof) to one request.</summary>
    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called when the server answered 401 with <paramref name="challenges"/>; returns true when the
    /// request should be sent again (a challenge-response step). Single-shot schemes return false.
    /// </summary>
    public virtual ValueTask<bool> HandleChallengeAsync(HttpHeaderValueCollection<AuthenticationHeaderValue> challenges, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);

    /// <summary>The body wrapper to use once authenticated (message encryption for NTLM/Kerberos/CredSSP; plain SOAP otherwise).</summary>
    public virtual Http.IWSManBodyWrapper BodyWrapper => Http.PlainSoapBody.Instance;

    /// <inheritdoc />
    public override string ToString() => Name;
}
