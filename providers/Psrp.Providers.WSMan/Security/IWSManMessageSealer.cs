namespace Psrp.Providers.WSMan.Security;

/// <summary>
/// Seals and unseals message bodies with an established security context, in the two-part layout
/// WinRM's HTTP message encryption carries: a header (the signature or token header) and data of the
/// plaintext's length (MS-WSMV 2.2.9.1; psrp-facts §10.2).
/// </summary>
public interface IWSManMessageSealer
{
    /// <summary>
    /// The MIME protocol the encrypted parts are labelled with, e.g.
    /// <c>application/HTTP-SPNEGO-session-encrypted</c> or <c>application/HTTP-Kerberos-session-encrypted</c>.
    /// </summary>
    string Protocol { get; }

    /// <summary>Encrypts <paramref name="plaintext"/>.</summary>
    SealedMessage Seal(ReadOnlySpan<byte> plaintext);

    /// <summary>
    /// Decrypts and verifies one message: <paramref name="token"/> is the header immediately followed by
    /// the data (as they lie in the body), <paramref name="headerLength"/> where the data starts. Throws
    /// <see cref="Psrp.PsrpProtocolException"/> when it does not verify.
    /// </summary>
    ArraySegment<byte> Unseal(ReadOnlySpan<byte> token, int headerLength);
}

/// <summary>One sealed message: the header (signature or token header) and the encrypted data.</summary>
/// <param name="Header">The signature (NTLM, 16 bytes) or token header (Kerberos AES, 60 bytes).</param>
/// <param name="Data">The encrypted payload.</param>
/// <param name="Padding">Bytes the mechanism added to the plaintext inside <paramref name="Data"/> (Kerberos EC filler); WinRM's <c>Length</c> counts them.</param>
public readonly record struct SealedMessage(byte[] Header, byte[] Data, int Padding = 0);
