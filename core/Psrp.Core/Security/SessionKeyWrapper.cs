using System.Security.Cryptography;
using Psrp.Messages;

namespace Psrp.Security;

/// <summary>
/// The server side of the session-key exchange (psrp-facts §3.5): wraps a <see cref="SessionKey"/>
/// with the RSA key a client sent in PUBLIC_KEY, producing the ENCRYPTED_SESSION_KEY reply.
/// </summary>
/// <remarks>Used by tests today and by the server role later; a client never needs it.</remarks>
public static class SessionKeyWrapper
{
    /// <summary>Encrypts <paramref name="sessionKey"/> for the client that sent <paramref name="clientPublicKey"/>.</summary>
    /// <param name="clientPublicKey">The client's PUBLIC_KEY payload.</param>
    /// <param name="sessionKey">The server's session key for this runspace pool.</param>
    /// <returns>The ENCRYPTED_SESSION_KEY payload: base64 of a CryptoAPI SIMPLEBLOB.</returns>
    /// <exception cref="PsrpProtocolException">
    /// (<see cref="PsrpProtocolError.InvalidValue"/>) the public key is not base64 or not a 2048-bit RSA PUBLICKEYBLOB.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The session key has been disposed.</exception>
    public static EncryptedSessionKey Wrap(PublicKey clientPublicKey, SessionKey sessionKey)
    {
        ArgumentNullException.ThrowIfNull(clientPublicKey);
        ArgumentNullException.ThrowIfNull(sessionKey);

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(clientPublicKey.KeyBlob);
        }
        catch (FormatException ex)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "The PUBLIC_KEY blob is not valid base64.", ex);
        }

        RSAParameters parameters = CapiPublicKeyBlob.Read(blob);
        using RSA rsa = RSA.Create();
        byte[] ciphertext;
        try
        {
            rsa.ImportParameters(parameters);

            // The platform checks some keys only when it uses them (OpenSSL refuses an even modulus
            // here, not at import): the peer's key is just as unusable then.
            ciphertext = rsa.Encrypt(sessionKey.Bytes, RSAEncryptionPadding.Pkcs1);
        }
        catch (CryptographicException ex)
        {
            // The platform's message names no key material, but say nothing of the blob anyway.
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "The PUBLIC_KEY blob is not a usable RSA public key.", ex);
        }

        return new EncryptedSessionKey(Convert.ToBase64String(CapiSimpleKeyBlob.Write(ciphertext)));
    }
}
