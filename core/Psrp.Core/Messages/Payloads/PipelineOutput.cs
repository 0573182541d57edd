namespace Psrp.Messages;

/// <summary>PIPELINE_OUTPUT: one output object; the body is the object itself.</summary>
/// <param name="Value">The output object.</param>
public sealed record PipelineOutput(object? Value) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.PipelineOutput;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion) => Value;
}
