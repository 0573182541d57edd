using System.Security.Cryptography;
using System.Text;
using Psrp.Security;
using Psrp.Serialization;

namespace Psrp.Tests.Security;

/// <summary>SecureString wire forms: AES-256-CBC with the session key, plain base64 under the 2.4 rule.</summary>
public class SecureStringCodecTests
{
    private static readonly Version V23 = new(2, 3);
    private static readonly Version V24 = new(2, 4);

    // 00 01 02 … 1F: a fixed key so the known answer below can be pinned.
    private static readonly byte[] FixedKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    // AES-256-CBC, zero IV, PKCS#7 of UTF-16LE "Password1" under FixedKey, computed outside .NET:
    //   printf Password1 | iconv -t UTF-16LE | openssl enc -aes-256-cbc -K 0001…1f -iv 00…00 | base64
    // and cross-checked live against System.Security.Cryptography.Aes in KnownAnswer_MatchesAnIndependentAes.
    private const string PasswordOneUnderFixedKey = "WsedJQMSLPLTuBfxOjr5kxdSa6mioG6booK03PlmpPo=";

    private static SecureStringCodec EncryptingCodec(byte[] key)
    {
        var codec = new SecureStringCodec(V23, V23);
        using SessionKey sessionKey = SessionKey.FromBytes(key);
        codec.SetSessionKey(sessionKey);
        return codec;
    }

    public static TheoryData<string, string, bool> VersionPairs => new()
    {
        { "2.3", "2.3", true },
        { "2.4", "2.3", true },
        { "2.3", "2.4", true },
        { "2.2", "2.2", true },
        { "2.0", "2.0", true },
        { "2.4", "2.4", false },
        { "2.4.0", "2.4", false },
        { "2.5", "2.4", false },
        { "3.0", "2.4", false },
        { "1.9", "2.4", true },
    };

    [Theory]
    [MemberData(nameof(VersionPairs))]
    public void RequiresKeyExchange_FollowsThe24Rule(string client, string server, bool expected)
    {
        Version c = Version.Parse(client);
        Version s = Version.Parse(server);
        using var codec = new SecureStringCodec(c, s);

        Assert.Equal(expected, SecureStringCodec.RequiresKeyExchange(c, s));
        Assert.Equal(!expected, codec.IsPlainText);
        Assert.Equal(!expected, codec.IsReady);
    }

    [Theory]
    [InlineData("Password1")]
    [InlineData("")]
    [InlineData("exactly8")]
    [InlineData("sixteen chars!!!")]
    [InlineData("ünïcødé 🔑 パスワード")]
    [InlineData("lone \ud800 surrogate")]
    public void RoundTrip_WithSessionKey(string secret)
    {
        using SessionKey key = SessionKey.Generate();
        using var sender = new SecureStringCodec(V23, V23);
        using var receiver = new SecureStringCodec(V23, V23);
        sender.SetSessionKey(key);
        receiver.SetSessionKey(key);

        PsSecureString wire = sender.Encode(secret);

        Assert.Equal(secret, receiver.Decode(wire));
        Assert.NotEqual(Convert.ToBase64String(Encoding.Unicode.GetBytes(secret)), wire.EncodedValue);
    }

    [Theory]
    [InlineData("Password1")]
    [InlineData("")]
    [InlineData("ünïcødé 🔑 パスワード")]
    [InlineData("lone \udc00 surrogate")]
    public void RoundTrip_InPlainTextMode(string secret)
    {
        using var codec = new SecureStringCodec(V24, V24);

        PsSecureString wire = codec.Encode(secret);

        Assert.Equal(secret, codec.Decode(wire));
    }

    [Fact]
    public void PlainTextMode_IsBase64OfUtf16LittleEndian()
    {
        using var codec = new SecureStringCodec(V24, V24);

        PsSecureString wire = codec.Encode("Password1");

        // "P\0a\0s\0s\0w\0o\0r\0d\01\0"
        Assert.Equal("UABhAHMAcwB3AG8AcgBkADEA", wire.EncodedValue);
        Assert.Equal("Password1", codec.Decode(new PsSecureString("UABhAHMAcwB3AG8AcgBkADEA")));
    }

    [Fact]
    public void KnownAnswer_MatchesAnIndependentAes()
    {
        using Aes aes = Aes.Create();
        aes.Key = FixedKey;
        string independent = Convert.ToBase64String(
            aes.EncryptCbc(Encoding.Unicode.GetBytes("Password1"), new byte[16], PaddingMode.PKCS7));
        using SecureStringCodec codec = EncryptingCodec(FixedKey);

        PsSecureString wire = codec.Encode("Password1");

        Assert.Equal(independent, wire.EncodedValue);
        Assert.Equal(PasswordOneUnderFixedKey, wire.EncodedValue);
        Assert.Equal(32, Convert.FromBase64String(wire.EncodedValue).Length); // 18 bytes → 2 blocks
        Assert.Equal("Password1", codec.Decode(new PsSecureString(PasswordOneUnderFixedKey)));
    }

    [Fact]
    public void SameKeySamePlaintext_GivesSameCiphertext()
    {
        // Zero IV makes the encryption deterministic; that is the protocol, and this pins it.
        using SecureStringCodec a = EncryptingCodec(FixedKey);
        using SecureStringCodec b = EncryptingCodec(FixedKey);

        Assert.Equal(a.Encode("same").EncodedValue, b.Encode("same").EncodedValue);
    }

    [Fact]
    public void WithoutKey_EncodeAndDecodeSayTheKeyIsMissing()
    {
        using var codec = new SecureStringCodec(V23, V24);

        Assert.False(codec.IsReady);
        var encode = Assert.Throws<InvalidOperationException>(() => codec.Encode("x"));
        var decode = Assert.Throws<InvalidOperationException>(() => codec.Decode(new PsSecureString("not base64 at all")));

        Assert.Contains("session key has not yet been exchanged", encode.Message, StringComparison.Ordinal);
        Assert.Contains("session key has not yet been exchanged", decode.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetSessionKey_InPlainTextMode_IsRefused()
    {
        using var codec = new SecureStringCodec(V24, V24);
        using SessionKey key = SessionKey.Generate();

        Assert.Throws<InvalidOperationException>(() => codec.SetSessionKey(key));
    }

    [Fact]
    public void SetSessionKey_KeepsItsOwnCopy()
    {
        using var codec = new SecureStringCodec(V23, V23);
        var key = SessionKey.FromBytes(FixedKey);
        codec.SetSessionKey(key);
        key.Dispose();

        Assert.True(codec.HasSessionKey);
        Assert.Equal(PasswordOneUnderFixedKey, codec.Encode("Password1").EncodedValue);
    }

    [Fact]
    public void SetSessionKey_Again_ReplacesTheKey()
    {
        using var codec = new SecureStringCodec(V23, V23);
        using SessionKey first = SessionKey.Generate();
        using SessionKey second = SessionKey.FromBytes(FixedKey);
        codec.SetSessionKey(first);
        codec.SetSessionKey(second);

        Assert.Equal(PasswordOneUnderFixedKey, codec.Encode("Password1").EncodedValue);
    }

    [Fact]
    public void DisposedCodec_Throws()
    {
        SecureStringCodec codec = EncryptingCodec(FixedKey);
        codec.Dispose();
        codec.Dispose();

        Assert.Throws<ObjectDisposedException>(() => codec.Encode("x"));
        Assert.Throws<ObjectDisposedException>(() => codec.Decode(new PsSecureString(PasswordOneUnderFixedKey)));
    }

    public static TheoryData<string, string> UndecryptableValues => new()
    {
        { "not base64", "***" },
        { "empty", string.Empty },
        { "one partial block", Convert.ToBase64String(new byte[15]) },
        { "not whole blocks", Convert.ToBase64String(new byte[17]) },
        { "bad padding", Convert.ToBase64String(new byte[32]) },
    };

    [Theory]
    [MemberData(nameof(UndecryptableValues))]
    public void Decode_UndecryptableValue_IsATypedError(string description, string value)
    {
        using SecureStringCodec codec = EncryptingCodec(FixedKey);

        var ex = Assert.Throws<PsrpProtocolException>(() => codec.Decode(new PsSecureString(value)));

        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
        Assert.Contains("SecureString", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(description));
    }

    [Fact]
    public void Decode_WithTheWrongKey_IsATypedError()
    {
        using SecureStringCodec sender = EncryptingCodec(FixedKey);
        using SessionKey otherKey = SessionKey.Generate();
        using var receiver = new SecureStringCodec(V23, V23);
        receiver.SetSessionKey(otherKey);
        PsSecureString wire = sender.Encode("Password1");

        // A wrong key usually breaks the padding; if it happens to leave valid padding the result
        // is garbage of the right shape, which is all CBC without a MAC can promise.
        try
        {
            Assert.NotEqual("Password1", receiver.Decode(wire));
        }
        catch (PsrpProtocolException ex)
        {
            Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
        }
    }

    [Fact]
    public void Decode_InPlainTextMode_RejectsBadBase64AndOddLengths()
    {
        using var codec = new SecureStringCodec(V24, V24);

        var badBase64 = Assert.Throws<PsrpProtocolException>(() => codec.Decode(new PsSecureString("P@ss")));
        var oddLength = Assert.Throws<PsrpProtocolException>(() => codec.Decode(new PsSecureString(Convert.ToBase64String(new byte[3]))));

        Assert.Equal(PsrpProtocolError.InvalidValue, badBase64.Code);
        Assert.Equal(PsrpProtocolError.InvalidValue, oddLength.Code);
    }

    [Fact]
    public async Task ConcurrentUse_IsSafe()
    {
        using SecureStringCodec codec = EncryptingCodec(FixedKey);

        string[] results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            codec.Decode(codec.Encode($"secret-{i}")))));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"secret-{i}"), results);
    }
}
