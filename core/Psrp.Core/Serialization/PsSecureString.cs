namespace Psrp.Serialization;

/// <summary>
/// A SecureString as it travels (<c>&lt;SS&gt;</c>): the base64 text exactly as on the wire —
/// AES ciphertext under the session key, or (protocol 2.4 on both sides) the plain UTF-16LE bytes.
/// Turning it into or out of a plain string is the job of the session's key material
/// (<c>Security/</c>), which knows which form applies. Its ToString never reveals the content.
/// </summary>
public sealed class PsSecureString
{
    /// <summary>Wraps the wire text of an <c>&lt;SS&gt;</c> element.</summary>
    public PsSecureString(string encodedValue)
    {
        ArgumentNullException.ThrowIfNull(encodedValue);
        EncodedValue = encodedValue;
    }

    /// <summary>The base64 text as carried on the wire.</summary>
    public string EncodedValue { get; }

    /// <inheritdoc />
    public override string ToString() => "System.Security.SecureString";

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PsSecureString other && other.EncodedValue == EncodedValue;

    /// <inheritdoc />
    public override int GetHashCode() => EncodedValue.GetHashCode(StringComparison.Ordinal);
}
