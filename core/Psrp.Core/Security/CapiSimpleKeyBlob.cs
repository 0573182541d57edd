namespace Psrp.Security;

/// <summary>
/// The CryptoAPI SIMPLEBLOB that carries the AES-256 session key in ENCRYPTED_SESSION_KEY
/// (psrp-facts §3.5): a 12-byte header, then the RSA PKCS#1 v1.5 ciphertext byte-reversed.
/// </summary>
/// <remarks>
/// CryptoAPI stores big numbers little-endian, so the RSA ciphertext (a big-endian integer)
/// appears reversed on the wire; forgetting the reversal is the classic interop bug here.
/// </remarks>
internal static class CapiSimpleKeyBlob
{
    /// <summary>Header size: bType, bVersion, reserved, aiKeyAlg, then the wrapping algorithm id.</summary>
    public const int HeaderSize = 12;

    /// <summary>Total size for a key wrapped with a 2048-bit RSA key.</summary>
    public const int BlobSize = HeaderSize + CapiPublicKeyBlob.ModulusSize;

    // 01 = SIMPLEBLOB, 02 = version, 00 00 reserved, 0x00006610 = CALG_AES_256, 0x0000A400 = CALG_RSA_KEYX.
    private static ReadOnlySpan<byte> Header => [0x01, 0x02, 0x00, 0x00, 0x10, 0x66, 0x00, 0x00, 0x00, 0xA4, 0x00, 0x00];

    /// <summary>Wraps a big-endian RSA ciphertext into a SIMPLEBLOB.</summary>
    /// <exception cref="ArgumentException">The ciphertext is not one 2048-bit RSA block.</exception>
    public static byte[] Write(ReadOnlySpan<byte> rsaCiphertext)
    {
        if (rsaCiphertext.Length != CapiPublicKeyBlob.ModulusSize)
        {
            throw new ArgumentException($"The RSA ciphertext is {rsaCiphertext.Length} bytes; expected {CapiPublicKeyBlob.ModulusSize}.", nameof(rsaCiphertext));
        }

        byte[] blob = new byte[BlobSize];
        Header.CopyTo(blob);
        Span<byte> body = blob.AsSpan(HeaderSize);
        rsaCiphertext.CopyTo(body);
        body.Reverse();
        return blob;
    }

    /// <summary>Validates a SIMPLEBLOB and returns its RSA ciphertext in big-endian order, ready to decrypt.</summary>
    /// <exception cref="PsrpProtocolException">(<see cref="PsrpProtocolError.InvalidValue"/>) the blob is not an AES-256 key wrapped with a 2048-bit RSA key.</exception>
    public static byte[] ReadCiphertext(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < HeaderSize)
        {
            throw Invalid($"is {blob.Length} bytes, shorter than the {HeaderSize}-byte header");
        }

        if (!blob[..HeaderSize].SequenceEqual(Header))
        {
            throw Invalid("does not start with the SIMPLEBLOB / CALG_AES_256 / CALG_RSA_KEYX header");
        }

        if (blob.Length != BlobSize)
        {
            throw Invalid($"is {blob.Length} bytes; a key wrapped with a 2048-bit RSA key is {BlobSize} bytes");
        }

        byte[] ciphertext = blob[HeaderSize..].ToArray();
        ciphertext.AsSpan().Reverse();
        return ciphertext;
    }

    private static PsrpProtocolException Invalid(string what) =>
        new(PsrpProtocolError.InvalidValue, $"The ENCRYPTED_SESSION_KEY blob {what}.");
}
