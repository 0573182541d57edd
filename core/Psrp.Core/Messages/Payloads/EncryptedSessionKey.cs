using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>ENCRYPTED_SESSION_KEY: the server's AES-256 session key wrapped with the client's RSA key (CryptoAPI SIMPLEBLOB, base64).</summary>
/// <param name="KeyBlob">Base64 of the SIMPLEBLOB.</param>
public sealed record EncryptedSessionKey(string KeyBlob) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.EncryptedSessionKey;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("EncryptedSessionKey", KeyBlob);
        return obj;
    }

    /// <summary>Never shows key material.</summary>
    public override string ToString() => "EncryptedSessionKey { KeyBlob = (redacted) }";

    internal static EncryptedSessionKey FromClixml(object? value)
    {
        const MessageType type = MessageType.EncryptedSessionKey;
        return new EncryptedSessionKey(PayloadFields.Required<string>(PayloadFields.AsObject(value, type), "EncryptedSessionKey", type));
    }
}
