namespace Psrp.Messages;

/// <summary>PUBLIC_KEY_REQUEST: the server asks the client to start the key exchange (protocol 2.0/2.1 servers). Body: an empty string.</summary>
public sealed record PublicKeyRequest : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.PublicKeyRequest;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion) => string.Empty;

    internal static PublicKeyRequest FromClixml(object? value) => value is string or null
        ? new PublicKeyRequest()
        : throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, "PUBLIC_KEY_REQUEST must carry an empty string.");
}
