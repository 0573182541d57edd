using System.Runtime.InteropServices;
using System.Security.Authentication.ExtendedProtection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Psrp.Providers.WSMan.Security;

/// <summary>
/// The <c>tls-server-end-point</c> channel binding of RFC 5929 §4 for a server certificate, in the
/// <c>SEC_CHANNEL_BINDINGS</c> layout <see cref="System.Net.Security.NegotiateAuthentication"/> reads
/// on every platform (a 32-byte header of lengths and offsets, then the application data). Binding the
/// security context to the certificate is what WinRM's <c>CbtHardeningLevel</c> checks over HTTPS.
/// </summary>
internal sealed class TlsServerEndPointBinding : ChannelBinding
{
    private const int HeaderLength = 32;
    private const int ApplicationDataLengthOffset = 24;
    private const int ApplicationDataOffsetOffset = 28;

    private readonly int _size;

    private TlsServerEndPointBinding(byte[] applicationData)
        : base(ownsHandle: true)
    {
        _size = HeaderLength + applicationData.Length;
        var memory = Marshal.AllocHGlobal(_size);
        SetHandle(memory);
        for (var i = 0; i < HeaderLength; i += 4)
        {
            Marshal.WriteInt32(memory, i, 0);
        }

        Marshal.WriteInt32(memory, ApplicationDataLengthOffset, applicationData.Length);
        Marshal.WriteInt32(memory, ApplicationDataOffsetOffset, HeaderLength);
        Marshal.Copy(applicationData, 0, memory + HeaderLength, applicationData.Length);
    }

    /// <inheritdoc />
    public override int Size => _size;

    /// <summary>The binding for <paramref name="certificate"/>.</summary>
    public static TlsServerEndPointBinding For(X509Certificate2 certificate) => new(ApplicationData(certificate));

    /// <summary><c>tls-server-end-point:</c> followed by the certificate's hash.</summary>
    public static byte[] ApplicationData(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var prefix = Encoding.ASCII.GetBytes("tls-server-end-point:");
        var hash = Hash(certificate);
        return [.. prefix, .. hash];
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        Marshal.FreeHGlobal(handle);
        return true;
    }

    // RFC 5929 §4.1: the hash of the certificate's signature algorithm, except that MD5 and SHA-1
    // become SHA-256; an algorithm without a single hash (or unknown here) also uses SHA-256.
    private static byte[] Hash(X509Certificate2 certificate) => certificate.SignatureAlgorithm.Value switch
    {
        "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => SHA384.HashData(certificate.RawData),
        "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => SHA512.HashData(certificate.RawData),
        _ => SHA256.HashData(certificate.RawData),
    };
}
