using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>RESET_RUNSPACE_STATE (protocol 2.3+): reset the pool's runspace to a clean state; answered by RUNSPACE_AVAILABILITY.</summary>
/// <param name="CallId">The call id the answer echoes.</param>
public sealed record ResetRunspaceState(long CallId) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.ResetRunspaceState;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("ci", CallId);
        return obj;
    }

    internal static ResetRunspaceState FromClixml(object? value)
    {
        const MessageType type = MessageType.ResetRunspaceState;
        return new ResetRunspaceState(PayloadFields.Required<long>(PayloadFields.AsObject(value, type), "ci", type));
    }
}
