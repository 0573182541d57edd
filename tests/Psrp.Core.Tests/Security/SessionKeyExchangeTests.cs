using System.Security.Cryptography;
using Psrp.Messages;
using Psrp.Security;

namespace Psrp.Tests.Security;

/// <summary>Client and server roles of the key exchange agree, and a bad ENCRYPTED_SESSION_KEY gives a typed error.</summary>
public class SessionKeyExchangeTests
{
    private static readonly byte[] SimpleBlobHeader = [0x01, 0x02, 0x00, 0x00, 0x10, 0x66, 0x00, 0x00, 0x00, 0xA4, 0x00, 0x00];

    [Fact]
    public void ServerWrapsAndClientUnwrapsTheSameKey()
    {
        using var client = new SessionKeyExchange();
        using SessionKey serverKey = SessionKey.Generate();

        EncryptedSessionKey reply = SessionKeyWrapper.Wrap(client.PublicKey, serverKey);
        using SessionKey clientKey = client.DecryptSessionKey(reply);

        Assert.Equal(serverKey.Bytes.ToArray(), clientKey.Bytes.ToArray());
    }

    [Fact]
    public void Wrap_ProducesASimpleBlobOfTheDocumentedShape()
    {
        using var client = new SessionKeyExchange();
        using SessionKey key = SessionKey.Generate();

        EncryptedSessionKey reply = SessionKeyWrapper.Wrap(client.PublicKey, key);
        byte[] blob = Convert.FromBase64String(reply.KeyBlob);

        Assert.StartsWith("AQIAABBmAAAApAAA", reply.KeyBlob, StringComparison.Ordinal);
        Assert.Equal(268, blob.Length);
        Assert.Equal(SimpleBlobHeader, blob[..12]);
    }

    [Fact]
    public void Wrap_ReversesTheRsaCiphertext()
    {
        // Only the reversed body decrypts to the key: pins the byte order independently of DecryptSessionKey.
        using RSA rsa = RSA.Create(2048);
        var publicKey = new PublicKey(Convert.ToBase64String(CapiPublicKeyBlob.Write(rsa.ExportParameters(false))));
        using SessionKey key = SessionKey.Generate();

        byte[] body = Convert.FromBase64String(SessionKeyWrapper.Wrap(publicKey, key).KeyBlob)[12..];
        byte[] reversed = body.Reverse().ToArray();

        Assert.Equal(key.Bytes.ToArray(), rsa.Decrypt(reversed, RSAEncryptionPadding.Pkcs1));
        Assert.NotEqual(key.Bytes.ToArray(), TryDecrypt(rsa, body));
    }

    private static byte[]? TryDecrypt(RSA rsa, byte[] ciphertext)
    {
        try
        {
            return rsa.Decrypt(ciphertext, RSAEncryptionPadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    [Fact]
    public void KeyWrappedForAnotherClient_IsATypedError()
    {
        using var intended = new SessionKeyExchange();
        using var other = new SessionKeyExchange();
        using SessionKey key = SessionKey.Generate();

        EncryptedSessionKey reply = SessionKeyWrapper.Wrap(intended.PublicKey, key);
        var ex = Assert.Throws<PsrpProtocolException>(() => other.DecryptSessionKey(reply));

        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
    }

    [Fact]
    public void WrappedKeyOfTheWrongLength_IsATypedError()
    {
        using var client = new SessionKeyExchange();
        using RSA rsa = RSA.Create();
        rsa.ImportParameters(CapiPublicKeyBlob.Read(Convert.FromBase64String(client.PublicKey.KeyBlob)));
        byte[] ciphertext = rsa.Encrypt(new byte[16], RSAEncryptionPadding.Pkcs1);
        var reply = new EncryptedSessionKey(Convert.ToBase64String(CapiSimpleKeyBlob.Write(ciphertext)));

        var ex = Assert.Throws<PsrpProtocolException>(() => client.DecryptSessionKey(reply));

        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
        Assert.Contains("16-byte", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedReplies()
    {
        using var client = new SessionKeyExchange();
        using SessionKey key = SessionKey.Generate();
        byte[] good = Convert.FromBase64String(SessionKeyWrapper.Wrap(client.PublicKey, key).KeyBlob);
        return new TheoryData<string, string>
        {
            { "not base64", "not*base64" },
            { "empty", string.Empty },
            { "header only", Convert.ToBase64String(good[..12]) },
            { "short header", Convert.ToBase64String(good[..11]) },
            { "truncated", Convert.ToBase64String(good[..267]) },
            { "trailing byte", Convert.ToBase64String([.. good, 0]) },
            { "PUBLICKEYBLOB type", Convert.ToBase64String(With(good, 0, 0x06)) },
            { "AES-128 algorithm", Convert.ToBase64String(With(good, 4, 0x0E)) },
            { "wrapped with signature key", Convert.ToBase64String(With(good, 9, 0x24)) },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedReplies))]
    public void MalformedReply_IsATypedError(string description, string keyBlob)
    {
        using var client = new SessionKeyExchange();

        var ex = Assert.Throws<PsrpProtocolException>(() => client.DecryptSessionKey(new EncryptedSessionKey(keyBlob)));

        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
        Assert.Contains("ENCRYPTED_SESSION_KEY", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(description));
    }

    [Fact]
    public void CorruptedCiphertext_IsATypedError()
    {
        using var client = new SessionKeyExchange();
        using SessionKey key = SessionKey.Generate();
        byte[] blob = Convert.FromBase64String(SessionKeyWrapper.Wrap(client.PublicKey, key).KeyBlob);
        blob[100] ^= 0x5A;

        var ex = Assert.Throws<PsrpProtocolException>(() => client.DecryptSessionKey(new EncryptedSessionKey(Convert.ToBase64String(blob))));

        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
    }

    [Fact]
    public void Wrap_RejectsAMalformedPublicKey()
    {
        using SessionKey key = SessionKey.Generate();

        var notBase64 = Assert.Throws<PsrpProtocolException>(() => SessionKeyWrapper.Wrap(new PublicKey("%%%"), key));
        var truncated = Assert.Throws<PsrpProtocolException>(() => SessionKeyWrapper.Wrap(new PublicKey("BgIAAACkAABSU0ExAAgAAAEAAQ"), key));

        Assert.Equal(PsrpProtocolError.InvalidValue, notBase64.Code);
        Assert.Equal(PsrpProtocolError.InvalidValue, truncated.Code);
    }

    [Fact]
    public void DisposedKey_CannotBeWrapped()
    {
        using var client = new SessionKeyExchange();
        var key = SessionKey.Generate();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => SessionKeyWrapper.Wrap(client.PublicKey, key));
    }

    private static byte[] With(byte[] blob, int offset, byte value)
    {
        byte[] copy = (byte[])blob.Clone();
        copy[offset] = value;
        return copy;
    }
}
