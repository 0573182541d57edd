using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>SET_MIN_RUNSPACES: change the pool's minimum; answered by RUNSPACE_AVAILABILITY with the same call id.</summary>
/// <param name="MinRunspaces">The new minimum.</param>
/// <param name="CallId">The call id the answer echoes.</param>
public sealed record SetMinRunspaces(int MinRunspaces, long CallId) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.SetMinRunspaces;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("MinRunspaces", MinRunspaces);
        obj.ExtendedProperties.Add("ci", CallId);
        return obj;
    }

    internal static SetMinRunspaces FromClixml(object? value)
    {
        const MessageType type = MessageType.SetMinRunspaces;
        var body = PayloadFields.AsObject(value, type);
        return new SetMinRunspaces(PayloadFields.Required<int>(body, "MinRunspaces", type), PayloadFields.Required<long>(body, "ci", type));
    }
}
