using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Psrp.Container.Tests.Fixture;

/// <summary>
/// A throwaway CA with a server certificate for 127.0.0.1 (dockerd's TLS listener) and a client
/// certificate, written as the docker CLI's <c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c> layout;
/// plus a second, unrelated CA to prove verification really happens.
/// </summary>
public sealed record TestCertificates(string ClientFolder, string ServerCa, string ServerCert, string ServerKey, string WrongCaFolder)
{
    public static TestCertificates Create(string root)
    {
        var client = Directory.CreateDirectory(Path.Combine(root, "client")).FullName;
        var server = Directory.CreateDirectory(Path.Combine(root, "server")).FullName;
        var wrong = Directory.CreateDirectory(Path.Combine(root, "wrong-ca")).FullName;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa("psrp test CA", caKey);
        File.WriteAllText(Path.Combine(server, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(client, "ca.pem"), ca.ExportCertificatePem());

        Issue(ca, caKey, "127.0.0.1", serverAuth: true, Path.Combine(server, "server-cert.pem"), Path.Combine(server, "server-key.pem"));
        Issue(ca, caKey, "psrp test client", serverAuth: false, Path.Combine(client, "cert.pem"), Path.Combine(client, "key.pem"));

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = CreateCa("unrelated CA", otherKey);
        File.WriteAllText(Path.Combine(wrong, "ca.pem"), other.ExportCertificatePem());
        File.Copy(Path.Combine(client, "cert.pem"), Path.Combine(wrong, "cert.pem"));
        File.Copy(Path.Combine(client, "key.pem"), Path.Combine(wrong, "key.pem"));

        return new TestCertificates(client, Path.Combine(server, "ca.pem"), Path.Combine(server, "server-cert.pem"), Path.Combine(server, "server-key.pem"), wrong);
    }

    private static X509Certificate2 CreateCa(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    private static void Issue(X509Certificate2 ca, ECDsa caKey, string subject, bool serverAuth, string certPath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var cert = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
