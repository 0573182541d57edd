using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Psrp.Security;

/// <summary>
/// The CryptoAPI PUBLICKEYBLOB that carries the client's RSA public key in PUBLIC_KEY
/// (psrp-facts §3.5): a 20-byte header ending in the exponent, then the modulus little-endian.
/// </summary>
/// <remarks>
/// The layout is Windows CryptoAPI's, because Windows PowerShell imported it with
/// <c>RSACryptoServiceProvider.ImportCspBlob</c>; every peer still expects exactly these bytes.
/// Only 2048-bit keys are accepted: PowerShell always generates that size, and refusing
/// anything else keeps a peer from talking us down to a weak key.
/// </remarks>
internal static class CapiPublicKeyBlob
{
    /// <summary>The only RSA key size the protocol uses.</summary>
    public const int KeySizeInBits = 2048;

    /// <summary>Bytes of the modulus of a <see cref="KeySizeInBits"/> key.</summary>
    public const int ModulusSize = KeySizeInBits / 8;

    /// <summary>Header (bType … bitlen) plus the 4-byte exponent.</summary>
    public const int HeaderSize = 20;

    /// <summary>Total size of a PUBLICKEYBLOB for a 2048-bit key.</summary>
    public const int BlobSize = HeaderSize + ModulusSize;

    // 06 = PUBLICKEYBLOB, 02 = version, 00 00 reserved, 0x0000A400 = CALG_RSA_KEYX, "RSA1".
    private static ReadOnlySpan<byte> Prefix => [0x06, 0x02, 0x00, 0x00, 0x00, 0xA4, 0x00, 0x00, 0x52, 0x53, 0x41, 0x31];

    /// <summary>Encodes the public half of <paramref name="key"/> as a PUBLICKEYBLOB.</summary>
    /// <exception cref="ArgumentException">The key is not 2048 bits or its exponent does not fit 32 bits.</exception>
    public static byte[] Write(in RSAParameters key)
    {
        byte[] modulus = key.Modulus ?? throw new ArgumentException("The RSA parameters have no modulus.", nameof(key));
        byte[] exponent = key.Exponent ?? throw new ArgumentException("The RSA parameters have no exponent.", nameof(key));
        if (modulus.Length != ModulusSize)
        {
            throw new ArgumentException($"The RSA modulus is {modulus.Length} bytes; the protocol uses {ModulusSize}-byte (2048-bit) keys.", nameof(key));
        }

        if (exponent.Length is 0 or > 4)
        {
            throw new ArgumentException($"The RSA exponent is {exponent.Length} bytes; a PUBLICKEYBLOB holds 1 to 4.", nameof(key));
        }

        byte[] blob = new byte[BlobSize];
        Prefix.CopyTo(blob);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(12), KeySizeInBits);

        // RSAParameters are big-endian with no leading zeros; CryptoAPI wants a little-endian u32.
        uint e = 0;
        foreach (byte b in exponent)
        {
            e = (e << 8) | b;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(16), e);

        Span<byte> modulusLe = blob.AsSpan(HeaderSize);
        modulus.CopyTo(modulusLe);
        modulusLe.Reverse();
        return blob;
    }

    /// <summary>Decodes a PUBLICKEYBLOB into RSA public parameters (big-endian, as .NET wants them).</summary>
    /// <exception cref="PsrpProtocolException">(<see cref="PsrpProtocolError.InvalidValue"/>) the blob is not a 2048-bit RSA PUBLICKEYBLOB.</exception>
    public static RSAParameters Read(ReadOnlySpan<byte> blob)
    {
        // Messages name fields and sizes only, never bytes: the blob is public, but the rule
        // "no key bytes in exceptions" is simpler to keep without exceptions.
        if (blob.Length < HeaderSize)
        {
            throw Invalid($"is {blob.Length} bytes, shorter than the {HeaderSize}-byte header");
        }

        if (!blob[..Prefix.Length].SequenceEqual(Prefix))
        {
            throw Invalid("does not start with the PUBLICKEYBLOB / CALG_RSA_KEYX / RSA1 header");
        }

        uint bitLength = BinaryPrimitives.ReadUInt32LittleEndian(blob[12..]);
        if (bitLength != KeySizeInBits)
        {
            throw Invalid($"announces a {bitLength}-bit key; only {KeySizeInBits}-bit keys are accepted");
        }

        if (blob.Length != BlobSize)
        {
            throw Invalid($"is {blob.Length} bytes; a {KeySizeInBits}-bit key blob is {BlobSize} bytes");
        }

        uint e = BinaryPrimitives.ReadUInt32LittleEndian(blob[16..]);
        if (e < 3 || (e & 1) == 0)
        {
            throw Invalid("has an RSA public exponent that is not an odd number of at least 3");
        }

        byte[] modulus = blob[HeaderSize..].ToArray();
        modulus.AsSpan().Reverse();
        if (modulus[0] < 0x80)
        {
            throw Invalid($"has a modulus shorter than the announced {KeySizeInBits} bits");
        }

        return new RSAParameters { Modulus = modulus, Exponent = TrimmedBigEndian(e) };
    }

    private static byte[] TrimmedBigEndian(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        int skip = 0;
        while (skip < 3 && bytes[skip] == 0)
        {
            skip++;
        }

        return bytes[skip..].ToArray();
    }

    private static PsrpProtocolException Invalid(string what) =>
        new(PsrpProtocolError.InvalidValue, $"The PUBLIC_KEY blob {what}.");
}
