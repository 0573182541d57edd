using System.Runtime.InteropServices;
using System.Security.Authentication.ExtendedProtection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Psrp.WSMan.Endpoint.Security;

/// <summary>The server's expected channel binding: RFC 5929 <c>tls-server-end-point</c> of its certificate, in the SEC_CHANNEL_BINDINGS layout .NET reads.</summary>
public static class ChannelBindings
{
    /// <summary>The application data for <paramref name="certificate"/> (SHA-256 for SHA-1/MD5/SHA-256-signed certificates).</summary>
    public static byte[] TlsServerEndPoint(X509Certificate2 certificate) =>
        [.. Encoding.ASCII.GetBytes("tls-server-end-point:"), .. certificate.SignatureAlgorithm.Value switch
        {
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => SHA384.HashData(certificate.RawData),
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => SHA512.HashData(certificate.RawData),
            _ => SHA256.HashData(certificate.RawData),
        }];

    /// <summary>A binding carrying <paramref name="applicationData"/>.</summary>
    public static ChannelBinding Create(byte[] applicationData) => new Binding(applicationData);

    private sealed class Binding : ChannelBinding
    {
        private readonly int _size;

        public Binding(byte[] data)
            : base(true)
        {
            _size = 32 + data.Length;
            SetHandle(Marshal.AllocHGlobal(_size));
            Marshal.Copy(new byte[32], 0, handle, 32);
            Marshal.WriteInt32(handle, 24, data.Length);
            Marshal.WriteInt32(handle, 28, 32);
            Marshal.Copy(data, 0, handle + 32, data.Length);
        }

        public override int Size => _size;

        protected override bool ReleaseHandle()
        {
            Marshal.FreeHGlobal(handle);
            return true;
        }
    }
}
