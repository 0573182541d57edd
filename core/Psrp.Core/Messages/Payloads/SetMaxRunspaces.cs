using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>SET_MAX_RUNSPACES: change the pool's maximum; answered by RUNSPACE_AVAILABILITY with the same call id.</summary>
/// <param name="MaxRunspaces">The new maximum.</param>
/// <param name="CallId">The call id the answer echoes.</param>
public sealed record SetMaxRunspaces(int MaxRunspaces, long CallId) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.SetMaxRunspaces;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("MaxRunspaces", MaxRunspaces);
        obj.ExtendedProperties.Add("ci", CallId);
        return obj;
    }

    internal static SetMaxRunspaces FromClixml(object? value)
    {
        const MessageType type = MessageType.SetMaxRunspaces;
        var body = PayloadFields.AsObject(value, type);
        return new SetMaxRunspaces(PayloadFields.Required<int>(body, "MaxRunspaces", type), PayloadFields.Required<long>(body, "ci", type));
    }
}
