using System.Buffers.Binary;
using System.Security.Cryptography;
using Psrp.Security;

namespace Psrp.Tests.Security;

/// <summary>The PUBLICKEYBLOB of psrp-facts §3.5 / GV11, byte for byte, and its rejection of bad blobs.</summary>
public class CapiPublicKeyBlobTests
{
    private static readonly byte[] ExpectedPrefix =
        [0x06, 0x02, 0x00, 0x00, 0x00, 0xA4, 0x00, 0x00, 0x52, 0x53, 0x41, 0x31, 0x00, 0x08, 0x00, 0x00];

    [Fact]
    public void Write_LaysOutHeaderExponentAndReversedModulus()
    {
        using RSA rsa = RSA.Create(2048);
        RSAParameters parameters = rsa.ExportParameters(false);

        byte[] blob = CapiPublicKeyBlob.Write(parameters);

        Assert.Equal(276, blob.Length);
        Assert.Equal(ExpectedPrefix, blob[..16]);
        Assert.Equal(new byte[] { 0x01, 0x00, 0x01, 0x00 }, blob[16..20]);
        Assert.Equal(parameters.Modulus!.Reverse().ToArray(), blob[20..]);
    }

    [Fact]
    public void Write_StoresASmallExponentLittleEndian()
    {
        using RSA rsa = RSA.Create(2048);
        RSAParameters parameters = rsa.ExportParameters(false);
        parameters.Exponent = [0x03];

        byte[] blob = CapiPublicKeyBlob.Write(parameters);

        Assert.Equal(new byte[] { 0x03, 0x00, 0x00, 0x00 }, blob[16..20]);
        Assert.Equal(new byte[] { 0x03 }, CapiPublicKeyBlob.Read(blob).Exponent);
    }

    [Fact]
    public void Read_GivesBackTheBigEndianParameters()
    {
        using RSA rsa = RSA.Create(2048);
        RSAParameters parameters = rsa.ExportParameters(false);

        RSAParameters read = CapiPublicKeyBlob.Read(CapiPublicKeyBlob.Write(parameters));

        Assert.Equal(parameters.Modulus, read.Modulus);
        Assert.Equal(parameters.Exponent, read.Exponent);
    }

    [Fact]
    public void SessionKeyExchange_OffersTheDocumentedBase64Prefix()
    {
        using var exchange = new SessionKeyExchange();

        Assert.StartsWith("BgIAAACkAABSU0ExAAgAAAEAAQ", exchange.PublicKey.KeyBlob, StringComparison.Ordinal);
        Assert.Equal(276, Convert.FromBase64String(exchange.PublicKey.KeyBlob).Length);
    }

    [Fact]
    public void EachExchangeHasItsOwnKeyPair()
    {
        using var a = new SessionKeyExchange();
        using var b = new SessionKeyExchange();

        Assert.NotEqual(a.PublicKey.KeyBlob, b.PublicKey.KeyBlob);
    }

    public static TheoryData<string, byte[]> MalformedBlobs()
    {
        using RSA rsa = RSA.Create(2048);
        byte[] good = CapiPublicKeyBlob.Write(rsa.ExportParameters(false));
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "short header", good[..19] },
            { "header only", good[..20] },
            { "truncated modulus", good[..275] },
            { "trailing byte", [.. good, 0x00] },
            { "private key blob type", With(good, 0, 0x07) },
            { "version 3", With(good, 1, 0x03) },
            { "signature key algorithm", With(good, 5, 0x24) },
            { "RSA2 magic", With(good, 11, 0x32) },
            { "1024-bit length", WithU32(good, 12, 1024) },
            { "4096-bit length", WithU32(good, 12, 4096) },
            { "even exponent", WithU32(good, 16, 65536) },
            { "exponent 1", WithU32(good, 16, 1) },
            { "modulus top bit clear", With(good, 275, 0x01) },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedBlobs))]
    public void Read_RejectsMalformedBlobsWithATypedError(string description, byte[] blob)
    {
        var ex = Assert.Throws<PsrpProtocolException>(() => CapiPublicKeyBlob.Read(blob));

        Assert.Equal(PsrpProtocolError.InvalidValue, ex.Code);
        Assert.Contains("PUBLIC_KEY", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(description));
    }

    [Fact]
    public void Read_NamesTheAnnouncedBitLength()
    {
        using RSA rsa = RSA.Create(2048);
        byte[] blob = WithU32(CapiPublicKeyBlob.Write(rsa.ExportParameters(false)), 12, 1024);

        var ex = Assert.Throws<PsrpProtocolException>(() => CapiPublicKeyBlob.Read(blob));

        Assert.Contains("1024-bit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RefusesOtherKeySizes()
    {
        using RSA rsa = RSA.Create(1024);

        Assert.Throws<ArgumentException>(() => CapiPublicKeyBlob.Write(rsa.ExportParameters(false)));
    }

    private static byte[] With(byte[] blob, int offset, byte value)
    {
        byte[] copy = (byte[])blob.Clone();
        copy[offset] = value;
        return copy;
    }

    private static byte[] WithU32(byte[] blob, int offset, uint value)
    {
        byte[] copy = (byte[])blob.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }
}
