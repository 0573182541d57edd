using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace Psrp.Providers.WSMan.Authentication;

/// <summary>
/// Client certificate authentication over HTTPS: the certificate is offered in the TLS handshake and
/// each request names WS-Management's mutual-TLS security profile in its Authorization header, as
/// WinRM expects (psrp-facts §10.1).
/// </summary>
public sealed class CertificateAuthentication : WSManAuthentication
{
    /// <summary>The Authorization value that selects certificate authentication.</summary>
    public const string MutualProfile = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual";

    /// <summary>Uses <paramref name="certificate"/>, which must have its private key.</summary>
    public CertificateAuthentication(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"The client certificate {certificate.Thumbprint} has no private key.", nameof(certificate));
        }

        Certificate = certificate;
    }

    /// <summary>The client certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc />
    public override string Name => "Certificate";

    /// <inheritdoc />
    public override void Configure(SocketsHttpHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.SslOptions.ClientCertificates ??= [];
        handler.SslOptions.ClientCertificates.Add(Certificate);
        handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => Certificate;
    }

    /// <inheritdoc />
    public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation("Authorization", MutualProfile);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"Certificate {{ Thumbprint = {Certificate.Thumbprint} }}";
}
