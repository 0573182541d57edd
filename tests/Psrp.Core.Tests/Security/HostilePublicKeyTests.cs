using System.Security.Cryptography;
using Psrp.Messages;
using Psrp.Security;

namespace Psrp.Tests.Security;

/// <summary>
/// A PUBLIC_KEY whose blob is well formed but whose key the platform's RSA refuses to use (an even
/// modulus is no RSA modulus) fails the wrap with <see cref="PsrpProtocolException"/>, the wrapper's
/// documented failure, not with a CryptographicException from deep inside the platform.
/// </summary>
public class HostilePublicKeyTests
{
    private static PublicKey KeyWithModulus(Action<byte[]> shape)
    {
        var modulus = new byte[256];
        Array.Fill(modulus, (byte)0xFF);
        shape(modulus);
        var blob = CapiPublicKeyBlob.Write(new RSAParameters { Modulus = modulus, Exponent = [1, 0, 1] });
        return new PublicKey(Convert.ToBase64String(blob));
    }

    [Fact]
    public void An_even_modulus_is_a_protocol_error()
    {
        using var key = SessionKey.Generate();

        var error = Assert.Throws<PsrpProtocolException>(() => SessionKeyWrapper.Wrap(KeyWithModulus(m => m[^1] = 0xFE), key));

        Assert.Equal(PsrpProtocolError.InvalidValue, error.Code);
    }
}
