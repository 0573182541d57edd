using System.Security.Cryptography;

namespace Psrp.Security;

/// <summary>
/// The AES-256 key a runspace pool uses to protect SecureStrings in both directions
/// (psrp-facts §3.5). Obtained from <see cref="SessionKeyExchange.DecryptSessionKey"/> on a client
/// or <see cref="Generate"/> on a server.
/// </summary>
/// <remarks>
/// The key bytes are not reachable through the public API and never appear in
/// <see cref="ToString"/>; <see cref="Dispose"/> wipes them. The bytes live in a managed array,
/// so the GC may have copied them before the wipe; this is defence in depth, not a guarantee.
/// </remarks>
public sealed class SessionKey : IDisposable
{
    /// <summary>Size of the key in bytes (AES-256).</summary>
    public const int SizeInBytes = 32;

    private readonly byte[] _key;
    private bool _disposed;

    private SessionKey(byte[] key) => _key = key;

    /// <summary>Creates a fresh random key, as a server does when a client sends PUBLIC_KEY.</summary>
    /// <returns>A new key; the caller owns and disposes it.</returns>
    public static SessionKey Generate() => new(RandomNumberGenerator.GetBytes(SizeInBytes));

    /// <summary>Copies known key bytes (tests and the key exchange itself).</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes.</exception>
    internal static SessionKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != SizeInBytes)
        {
            throw new ArgumentException($"A session key is {SizeInBytes} bytes, not {key.Length}.", nameof(key));
        }

        return new SessionKey(key.ToArray());
    }

    /// <summary>The key bytes, for the codec and the server-side wrapper only.</summary>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    /// <summary>Wipes the key bytes. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            CryptographicOperations.ZeroMemory(_key);
        }
    }

    /// <summary>Describes the key without revealing it.</summary>
    /// <returns>A fixed text that says the value is redacted.</returns>
    public override string ToString() => "SessionKey (AES-256, redacted)";
}
