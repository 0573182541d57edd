using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>CONNECT_RUNSPACEPOOL (WSMan connect, protocol 2.2+): optional new pool bounds; an empty string when neither is given.</summary>
public sealed record ConnectRunspacePool : PsrpPayload
{
    /// <summary>New minimum, or null to keep.</summary>
    public int? MinRunspaces { get; init; }

    /// <summary>New maximum, or null to keep.</summary>
    public int? MaxRunspaces { get; init; }

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.ConnectRunspacePool;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        if (MinRunspaces is null && MaxRunspaces is null)
        {
            return string.Empty;
        }

        var obj = new PsObject();
        if (MinRunspaces is { } min)
        {
            obj.ExtendedProperties.Add("MinRunspaces", min);
        }

        if (MaxRunspaces is { } max)
        {
            obj.ExtendedProperties.Add("MaxRunspaces", max);
        }

        return obj;
    }

    internal static ConnectRunspacePool FromClixml(object? value)
    {
        const MessageType type = MessageType.ConnectRunspacePool;
        if (value is string or null)
        {
            return new ConnectRunspacePool();
        }

        var body = PayloadFields.AsObject(value, type);
        return new ConnectRunspacePool
        {
            MinRunspaces = PayloadFields.Optional<int?>(body, "MinRunspaces", type),
            MaxRunspaces = PayloadFields.Optional<int?>(body, "MaxRunspaces", type),
        };
    }
}
