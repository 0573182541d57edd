namespace Psrp.Messages;

/// <summary>END_OF_PIPELINE_INPUT: no more input follows. The only message with no data bytes at all.</summary>
public sealed record EndOfPipelineInput : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.EndOfPipelineInput;

    /// <inheritdoc />
    public override bool HasData => false;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion) => null;
}
