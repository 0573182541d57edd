using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>PIPELINE_STATE: the pipeline's new state; Stopped and Failed usually carry the terminating error.</summary>
/// <param name="State">The state.</param>
/// <param name="Error">The ExceptionAsErrorRecord, when sent.</param>
public sealed record PipelineStateMessage(PSInvocationState State, PsErrorRecord? Error = null) : PsrpPayload
{
    /// <summary>True for Stopped, Completed and Failed.</summary>
    public bool IsTerminal => State is PSInvocationState.Stopped or PSInvocationState.Completed or PSInvocationState.Failed;

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.PipelineState;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("PipelineState", (int)State);
        if (Error is not null)
        {
            obj.ExtendedProperties.Add("ExceptionAsErrorRecord", Error.ToPsObject());
        }

        return obj;
    }

    internal static PipelineStateMessage FromClixml(object? value)
    {
        const MessageType type = MessageType.PipelineState;
        var body = PayloadFields.AsObject(value, type);
        return new PipelineStateMessage(
            (PSInvocationState)PayloadFields.Required<int>(body, "PipelineState", type),
            PsErrorRecord.FromOptional(body, "ExceptionAsErrorRecord", type));
    }
}
