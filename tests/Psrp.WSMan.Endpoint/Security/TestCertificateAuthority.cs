using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Psrp.WSMan.Endpoint.Security;

/// <summary>
/// A throwaway certificate authority made at start: it signs the endpoint's server certificate
/// (127.0.0.1, ::1, localhost) and client certificates for certificate authentication. Nothing
/// is written to any certificate store; clients trust <see cref="Certificate"/> explicitly.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly ECDsa _caKey;

    private TestCertificateAuthority(X509Certificate2 ca, ECDsa caKey)
    {
        _ca = ca;
        _caKey = caKey;
    }

    /// <summary>The CA certificate (public part only) clients add to their trust.</summary>
    public X509Certificate2 Certificate => X509CertificateLoader.LoadCertificate(_ca.RawData);

    /// <summary>Creates a CA valid from yesterday for a week.</summary>
    public static TestCertificateAuthority Create(string name = "psrp WSMan test CA")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        return new TestCertificateAuthority(ca, key);
    }

    /// <summary>A server certificate for 127.0.0.1, ::1 and localhost (and <paramref name="extraDnsNames"/>), with its private key.</summary>
    public X509Certificate2 IssueServerCertificate(params string[] extraDnsNames)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        foreach (var dns in extraDnsNames)
        {
            names.AddDnsName(dns);
        }

        return Issue("CN=localhost", names.Build(), new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"));
    }

    /// <summary>
    /// A client certificate for <paramref name="userName"/> (subject CN and a UPN in the subject
    /// alternative name, as WinRM's certificate mapping reads it), with its private key.
    /// </summary>
    public X509Certificate2 IssueClientCertificate(string userName)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUserPrincipalName(userName.Contains('@', StringComparison.Ordinal) ? userName : userName + "@localhost");
        return Issue($"CN={userName}", names.Build(), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication"));
    }

    /// <summary>Whether <paramref name="certificate"/> chains to this CA (no revocation check; it has no CRL).</summary>
    public bool Issued(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ca.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2 Issue(string subject, X509Extension alternativeNames, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(alternativeNames);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(_ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), now.AddDays(-1), now.AddDays(7), serial);
        using var withKey = signed.CopyWithPrivateKey(key);

        // A PFX round trip gives a certificate whose key TLS can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
