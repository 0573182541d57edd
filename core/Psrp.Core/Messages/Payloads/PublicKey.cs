using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>PUBLIC_KEY: the client's RSA public key as base64 of a CryptoAPI PUBLICKEYBLOB (psrp-facts §3.5).</summary>
/// <param name="KeyBlob">Base64 of the PUBLICKEYBLOB.</param>
public sealed record PublicKey(string KeyBlob) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.PublicKey;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("PublicKey", KeyBlob);
        return obj;
    }

    internal static PublicKey FromClixml(object? value)
    {
        const MessageType type = MessageType.PublicKey;
        return new PublicKey(PayloadFields.Required<string>(PayloadFields.AsObject(value, type), "PublicKey", type));
    }
}
