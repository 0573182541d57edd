using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>GET_AVAILABLE_RUNSPACES: ask how many runspaces are free; answered by RUNSPACE_AVAILABILITY.</summary>
/// <param name="CallId">The call id the answer echoes.</param>
public sealed record GetAvailableRunspaces(long CallId) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.GetAvailableRunspaces;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("ci", CallId);
        return obj;
    }

    internal static GetAvailableRunspaces FromClixml(object? value)
    {
        const MessageType type = MessageType.GetAvailableRunspaces;
        return new GetAvailableRunspaces(PayloadFields.Required<long>(PayloadFields.AsObject(value, type), "ci", type));
    }
}
