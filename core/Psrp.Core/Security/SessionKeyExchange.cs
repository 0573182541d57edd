using System.Security.Cryptography;
using Psrp.Messages;

namespace Psrp.Security;

/// <summary>
/// The client side of the session-key exchange (psrp-facts §3.5): owns a fresh RSA-2048 key pair,
/// offers its public half as a <see cref="Messages.PublicKey"/> payload and unwraps the server's
/// <see cref="EncryptedSessionKey"/> reply into a <see cref="SessionKey"/>.
/// </summary>
/// <remarks>
/// Sans-IO: the caller sends <see cref="PublicKey"/> (RPID = pool) and hands the reply to
/// <see cref="DecryptSessionKey"/>; waiting and timeouts belong to the caller. Needed only when
/// <see cref="SecureStringCodec.RequiresKeyExchange(Version, Version)"/> says so.
/// </remarks>
public sealed class SessionKeyExchange : IDisposable
{
    private readonly RSA _rsa;

    /// <summary>Generates the RSA-2048 key pair for one runspace pool.</summary>
    public SessionKeyExchange()
    {
        _rsa = RSA.Create(CapiPublicKeyBlob.KeySizeInBits);
        byte[] blob = CapiPublicKeyBlob.Write(_rsa.ExportParameters(includePrivateParameters: false));
        PublicKey = new PublicKey(Convert.ToBase64String(blob));
    }

    /// <summary>The PUBLIC_KEY payload to send to the server: base64 of a CryptoAPI PUBLICKEYBLOB.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>Unwraps the AES-256 session key the server sent in ENCRYPTED_SESSION_KEY.</summary>
    /// <param name="payload">The server's reply to <see cref="PublicKey"/>.</param>
    /// <returns>The session key; the caller owns and disposes it.</returns>
    /// <exception cref="PsrpProtocolException">
    /// (<see cref="PsrpProtocolError.InvalidValue"/>) the blob is not base64, not a SIMPLEBLOB of the
    /// expected shape, does not decrypt with this exchange's private key, or does not hold a 32-byte key.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The exchange has been disposed.</exception>
    public SessionKey DecryptSessionKey(EncryptedSessionKey payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        byte[] blob = DecodeBase64(payload.KeyBlob);
        byte[] ciphertext = CapiSimpleKeyBlob.ReadCiphertext(blob);

        byte[] key;
        try
        {
            key = _rsa.Decrypt(ciphertext, RSAEncryptionPadding.Pkcs1);
        }
        catch (CryptographicException ex)
        {
            // The inner exception is OpenSSL's/CNG's wording ("padding error"); it has no key bytes.
            throw new PsrpProtocolException(
                PsrpProtocolError.InvalidValue,
                "The ENCRYPTED_SESSION_KEY does not decrypt with this client's private key: the server wrapped it for a different PUBLIC_KEY, or it is corrupt.",
                ex);
        }

        try
        {
            if (key.Length != SessionKey.SizeInBytes)
            {
                throw new PsrpProtocolException(
                    PsrpProtocolError.InvalidValue,
                    $"The ENCRYPTED_SESSION_KEY holds a {key.Length}-byte key; AES-256 needs {SessionKey.SizeInBytes}.");
            }

            return SessionKey.FromBytes(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Releases the RSA key pair.</summary>
    public void Dispose() => _rsa.Dispose();

    private static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "The ENCRYPTED_SESSION_KEY blob is not valid base64.", ex);
        }
    }
}
