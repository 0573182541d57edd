using Psrp.Messages;
using Psrp.Security;
using Psrp.Tests.Messages.Payloads;

namespace Psrp.Tests.Security;

/// <summary>
/// The real PUBLIC_KEY and ENCRYPTED_SESSION_KEY of psrp-facts §13 GV8 (pypsrp against Windows
/// PowerShell 5.1). The client's private key was not recorded, so these pin parsing only.
/// </summary>
public class Gv8KeyExchangeTests
{
    private static PublicKey CapturedPublicKey() =>
        Assert.IsType<PublicKey>(GoldenPayloads.Body("gv8-public-key.b64", 0));

    private static EncryptedSessionKey CapturedEncryptedSessionKey() =>
        Assert.IsType<EncryptedSessionKey>(GoldenPayloads.Body("gv8-encrypted-session-key.b64", 0));

    [Fact]
    public void CapturedPublicKey_HasTheDocumentedLayoutAndImports()
    {
        byte[] blob = Convert.FromBase64String(CapturedPublicKey().KeyBlob);

        Assert.Equal(276, blob.Length);
        Assert.Equal(
            new byte[] { 0x06, 0x02, 0x00, 0x00, 0x00, 0xA4, 0x00, 0x00, 0x52, 0x53, 0x41, 0x31, 0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00 },
            blob[..20]);

        var parameters = CapiPublicKeyBlob.Read(blob);

        Assert.Equal(new byte[] { 0x01, 0x00, 0x01 }, parameters.Exponent);
        Assert.Equal(blob[20..].Reverse().ToArray(), parameters.Modulus);
        Assert.Equal(blob, CapiPublicKeyBlob.Write(parameters));
    }

    [Fact]
    public void CapturedPublicKey_CanBeWrappedForByTheServerRole()
    {
        using SessionKey key = SessionKey.Generate();

        EncryptedSessionKey reply = SessionKeyWrapper.Wrap(CapturedPublicKey(), key);

        Assert.Equal(256, CapiSimpleKeyBlob.ReadCiphertext(Convert.FromBase64String(reply.KeyBlob)).Length);
    }

    [Fact]
    public void CapturedEncryptedSessionKey_PassesHeaderValidation()
    {
        byte[] blob = Convert.FromBase64String(CapturedEncryptedSessionKey().KeyBlob);

        Assert.Equal(268, blob.Length);
        Assert.Equal(blob[12..].Reverse().ToArray(), CapiSimpleKeyBlob.ReadCiphertext(blob));
    }

    [Fact]
    public void CapturedEncryptedSessionKey_WithoutItsPrivateKey_IsATypedError()
    {
        using var client = new SessionKeyExchange();

        var ex = Assert.Throws<PsrpProtocolException>(() => client.DecryptSessionKey(CapturedEncryptedSessionKey()));

        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
    }
}
