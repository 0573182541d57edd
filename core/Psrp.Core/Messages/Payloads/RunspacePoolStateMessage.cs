using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>RUNSPACEPOOL_STATE: the pool's new state, with the error that broke it when Broken.</summary>
/// <param name="State">The state.</param>
/// <param name="Error">The ExceptionAsErrorRecord, when the server sent one.</param>
public sealed record RunspacePoolStateMessage(RunspacePoolState State, PsErrorRecord? Error = null) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.RunspacePoolState;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("RunspaceState", (int)State);
        if (Error is not null)
        {
            obj.ExtendedProperties.Add("ExceptionAsErrorRecord", Error.ToPsObject());
        }

        return obj;
    }

    internal static RunspacePoolStateMessage FromClixml(object? value)
    {
        const MessageType type = MessageType.RunspacePoolState;
        var body = PayloadFields.AsObject(value, type);
        return new RunspacePoolStateMessage(
            (RunspacePoolState)PayloadFields.Required<int>(body, "RunspaceState", type),
            PsErrorRecord.FromOptional(body, "ExceptionAsErrorRecord", type));
    }
}
