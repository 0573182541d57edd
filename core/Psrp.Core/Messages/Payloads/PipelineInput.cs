namespace Psrp.Messages;

/// <summary>PIPELINE_INPUT: one input object for a running pipeline; the body is the object itself.</summary>
/// <param name="Value">The input object.</param>
public sealed record PipelineInput(object? Value) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.PipelineInput;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion) => Value;
}
