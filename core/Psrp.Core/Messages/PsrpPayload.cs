namespace Psrp.Messages;

/// <summary>
/// The typed body of one PSRP message. Each message type has its own sealed record deriving
/// from this; <see cref="PsrpPayloadCodec"/> turns bodies into CLIXML bytes and back.
/// </summary>
public abstract record PsrpPayload
{
    /// <summary>The message type this body travels as.</summary>
    public abstract MessageType MessageType { get; }

    /// <summary>False for the one message that carries no data bytes at all (END_OF_PIPELINE_INPUT).</summary>
    public virtual bool HasData => true;

    /// <summary>
    /// Builds the value whose CLIXML is the message data. <paramref name="protocolVersion"/> is the
    /// negotiated protocol version: some bodies (CREATE_PIPELINE) differ between versions.
    /// </summary>
    public abstract object? ToClixml(Version protocolVersion);
}
