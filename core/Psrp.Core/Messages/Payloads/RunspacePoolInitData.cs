using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>RUNSPACEPOOL_INIT_DATA: the pool bounds, sent by the server in reply to a connect.</summary>
/// <param name="MinRunspaces">Minimum runspaces.</param>
/// <param name="MaxRunspaces">Maximum runspaces.</param>
public sealed record RunspacePoolInitData(int MinRunspaces, int MaxRunspaces) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.RunspacePoolInitData;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("MinRunspaces", MinRunspaces);
        obj.ExtendedProperties.Add("MaxRunspaces", MaxRunspaces);
        return obj;
    }

    internal static RunspacePoolInitData FromClixml(object? value)
    {
        const MessageType type = MessageType.RunspacePoolInitData;
        var body = PayloadFields.AsObject(value, type);
        return new RunspacePoolInitData(PayloadFields.Required<int>(body, "MinRunspaces", type), PayloadFields.Required<int>(body, "MaxRunspaces", type));
    }
}
