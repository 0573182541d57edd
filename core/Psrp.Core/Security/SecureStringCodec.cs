using System.Security.Cryptography;
using Psrp.Serialization;

namespace Psrp.Security;

/// <summary>
/// Converts SecureString plaintext to and from its wire form, the text of a CLIXML <c>&lt;SS&gt;</c>
/// element (<see cref="PsSecureString"/>), for one runspace pool (psrp-facts §3.5).
/// </summary>
/// <remarks>
/// <para>
/// Two wire forms exist. When either end speaks a protocol below 2.4, the value is
/// AES-256-CBC (zero IV, PKCS#7) over the UTF-16LE code units, keyed by the session key from
/// the key exchange, then base64. When both ends speak 2.4 or later (pwsh 7.6+ on both sides),
/// there is no exchange and the value is base64 of the UTF-16LE code units: PowerShell deprecated
/// the exchange and relies on the transport for confidentiality.
/// </para>
/// <para>
/// The same key protects both directions, so one codec serves client and server roles alike.
/// Instances are thread-safe: pipelines of one pool may encode and decode concurrently.
/// </para>
/// </remarks>
public sealed class SecureStringCodec : IDisposable
{
    // The zero IV is the protocol's, not a choice: PowerShell never transmits an IV.
    private static readonly byte[] ZeroIv = new byte[16];

    private readonly Lock _lock = new();
    private Aes? _aes;
    private bool _disposed;

    /// <summary>Creates the codec for the protocol versions of the two ends.</summary>
    /// <param name="clientProtocolVersion">The protocolversion the client announced in SESSION_CAPABILITY.</param>
    /// <param name="serverProtocolVersion">The protocolversion in the server's SESSION_CAPABILITY reply.</param>
    public SecureStringCodec(Version clientProtocolVersion, Version serverProtocolVersion)
    {
        IsPlainText = !RequiresKeyExchange(clientProtocolVersion, serverProtocolVersion);
    }

    /// <summary>The first protocol version at which SecureStrings travel unencrypted (when both ends have it).</summary>
    public static Version PlainTextProtocolVersion { get; } = new(2, 4);

    /// <summary>
    /// True when SecureStrings travel as plain base64 (both ends at protocol 2.4 or later),
    /// so no session key is used.
    /// </summary>
    public bool IsPlainText { get; }

    /// <summary>True once <see cref="SetSessionKey"/> has been called.</summary>
    public bool HasSessionKey
    {
        get
        {
            lock (_lock)
            {
                return _aes is not null;
            }
        }
    }

    /// <summary>True when <see cref="Encode"/> and <see cref="Decode"/> can run now: plain-text mode, or a session key is set.</summary>
    public bool IsReady => IsPlainText || HasSessionKey;

    /// <summary>
    /// Whether a pool with these versions must run the session-key exchange before any SecureString
    /// can cross the wire: true unless both ends speak protocol 2.4 or later (the "2.4 rule").
    /// </summary>
    /// <param name="clientProtocolVersion">The protocolversion the client announced.</param>
    /// <param name="serverProtocolVersion">The protocolversion in the server's SESSION_CAPABILITY reply.</param>
    /// <returns>True if a key exchange is needed.</returns>
    /// <remarks>
    /// PowerShell 7.6 checks one side only (its client looks at the server's version, its server
    /// at the client's). Under the negotiation rules of psrp-facts §3.1 a 2.4 reply implies a 2.4
    /// client, so requiring both gives the same answer with PowerShell and stays safe with a
    /// peer that negotiates oddly: when in doubt, encrypt.
    /// </remarks>
    /// <exception cref="ArgumentNullException">A version is null.</exception>
    public static bool RequiresKeyExchange(Version clientProtocolVersion, Version serverProtocolVersion)
    {
        ArgumentNullException.ThrowIfNull(clientProtocolVersion);
        ArgumentNullException.ThrowIfNull(serverProtocolVersion);

        // Compare major.minor only: "2.4" parses with Build = -1, "2.4.0" with 0, and both mean 2.4.
        return !(AtLeastPlainText(clientProtocolVersion) && AtLeastPlainText(serverProtocolVersion));
    }

    /// <summary>Installs the session key (from the exchange on a client, generated on a server).</summary>
    /// <param name="key">The key; the codec keeps its own copy, so the caller still disposes this one.</param>
    /// <remarks>A later call replaces the key, as happens if the server restarts the exchange.</remarks>
    /// <exception cref="InvalidOperationException">The codec is in plain-text mode, where no key is used.</exception>
    /// <exception cref="ObjectDisposedException">The codec or the key has been disposed.</exception>
    public void SetSessionKey(SessionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IsPlainText)
        {
            throw new InvalidOperationException("Both ends speak protocol 2.4 or later, so SecureStrings are not encrypted and no session key is used.");
        }

        Aes aes = Aes.Create();
        aes.SetKey(key.Bytes);
        lock (_lock)
        {
            if (_disposed)
            {
                aes.Dispose();
                throw new ObjectDisposedException(nameof(SecureStringCodec));
            }

            _aes?.Dispose();
            _aes = aes;
        }
    }

    /// <summary>Produces the wire form of a SecureString's plaintext.</summary>
    /// <param name="plaintext">The secret characters; not copied beyond what the cipher needs.</param>
    /// <returns>The value for an <c>&lt;SS&gt;</c> element.</returns>
    /// <exception cref="InvalidOperationException">A session key is needed and has not been exchanged yet.</exception>
    /// <exception cref="ObjectDisposedException">The codec has been disposed.</exception>
    public PsSecureString Encode(ReadOnlySpan<char> plaintext)
    {
        byte[] bytes = new byte[plaintext.Length * 2];
        try
        {
            Utf16LittleEndian.Write(plaintext, bytes);
            lock (_lock)
            {
                Aes? aes = CurrentCipher();
                return new PsSecureString(Convert.ToBase64String(aes is null ? bytes : aes.EncryptCbc(bytes, ZeroIv, PaddingMode.PKCS7)));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Recovers the plaintext of a SecureString received from the peer.</summary>
    /// <param name="value">The text of the <c>&lt;SS&gt;</c> element.</param>
    /// <returns>The secret characters.</returns>
    /// <exception cref="InvalidOperationException">A session key is needed and has not been exchanged yet.</exception>
    /// <exception cref="PsrpProtocolException">
    /// (<see cref="PsrpProtocolError.InvalidValue"/>) the value is not base64, does not decrypt with the
    /// session key, or is not whole UTF-16 code units. The message never includes the value.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The codec has been disposed.</exception>
    public string Decode(PsSecureString value)
    {
        ArgumentNullException.ThrowIfNull(value);
        byte[]? wire = null;
        byte[]? plain = null;
        try
        {
            lock (_lock)
            {
                // Readiness first, so a missing key reads as the caller's mistake, not the peer's.
                Aes? aes = CurrentCipher();
                wire = FromBase64(value.EncodedValue);
                plain = aes is null ? wire : DecryptBlock(aes, wire);
            }

            if (plain.Length % 2 != 0)
            {
                throw new PsrpProtocolException(
                    PsrpProtocolError.InvalidValue,
                    $"A SecureString value decodes to {plain.Length} bytes, which is not a whole number of UTF-16 code units.");
            }

            return Utf16LittleEndian.Read(plain);
        }
        finally
        {
            // In plain-text mode the wire bytes are the secret itself.
            if (wire is not null)
            {
                CryptographicOperations.ZeroMemory(wire);
            }

            if (plain is not null)
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }
    }

    /// <summary>Wipes and releases the session key. Safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _aes?.Dispose();
            _aes = null;
        }
    }

    private static bool AtLeastPlainText(Version version) =>
        version.Major > PlainTextProtocolVersion.Major
        || (version.Major == PlainTextProtocolVersion.Major && version.Minor >= PlainTextProtocolVersion.Minor);

    // Returns null in plain-text mode; the caller holds _lock.
    private Aes? CurrentCipher()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsPlainText)
        {
            return null;
        }

        return _aes ?? throw new InvalidOperationException(
            "The session key has not yet been exchanged: send PUBLIC_KEY and install the key from the ENCRYPTED_SESSION_KEY reply before encoding or decoding a SecureString.");
    }

    private static byte[] FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "A SecureString value is not valid base64.", ex);
        }
    }

    private static byte[] DecryptBlock(Aes aes, byte[] ciphertext)
    {
        if (ciphertext.Length == 0 || ciphertext.Length % 16 != 0)
        {
            throw new PsrpProtocolException(
                PsrpProtocolError.InvalidValue,
                $"An encrypted SecureString is {ciphertext.Length} bytes, not a whole number of AES blocks.");
        }

        try
        {
            return aes.DecryptCbc(ciphertext, ZeroIv, PaddingMode.PKCS7);
        }
        catch (CryptographicException ex)
        {
            throw new PsrpProtocolException(
                PsrpProtocolError.InvalidValue,
                "An encrypted SecureString does not decrypt with the session key (bad padding): the peers hold different keys, or the value is corrupt.",
                ex);
        }
    }
}
