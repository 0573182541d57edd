using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Psrp.Transport;

namespace Psrp.Providers.WSMan.Authentication;

/// <summary>Finds client certificates: by thumbprint in the current user's personal store (as <c>-CertificateThumbprint</c>), or in a PFX file.</summary>
public static class ClientCertificates
{
    /// <summary>The certificate with <paramref name="thumbprint"/> in CurrentUser\My; it must have a private key.</summary>
    public static X509Certificate2 FromCurrentUserStore(string thumbprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(thumbprint);
        var wanted = new string(thumbprint.Where(char.IsAsciiHexDigit).ToArray());
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        X509Certificate2Collection found;
        try
        {
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
        }
        catch (CryptographicException)
        {
            // No personal store yet: nothing in it can match.
            found = [];
        }

        try
        {
            var match = found.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new SessionParameterException(found.Count == 0
                    ? $"-CertificateThumbprint {wanted}: no such certificate in the current user's personal store (CurrentUser\\My)."
                    : $"-CertificateThumbprint {wanted}: the certificate in CurrentUser\\My has no private key.");
            return new X509Certificate2(match);
        }
        finally
        {
            foreach (var certificate in found)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>The certificate (with private key) in the PFX/PKCS#12 file at <paramref name="path"/>.</summary>
    public static X509Certificate2 FromPfxFile(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new SessionParameterException($"The client certificate file '{path}' holds no private key.");
            }

            return certificate;
        }
        catch (CryptographicException ex)
        {
            // The message says what went wrong (bad password, not a PFX) without the password itself.
            throw new SessionParameterException($"The client certificate file '{path}' could not be read: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new SessionParameterException($"The client certificate file '{path}' could not be read: {ex.Message}");
        }
    }
}
