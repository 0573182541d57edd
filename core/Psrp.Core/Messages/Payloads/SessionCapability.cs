using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>SESSION_CAPABILITY: the versions each side speaks, exchanged first (psrp-facts §3.1).</summary>
/// <param name="ProtocolVersion">The PSRP protocol version (2.0–2.4).</param>
/// <param name="PSVersion">Always 2.0 from PowerShell, "for negotiation compatibility".</param>
/// <param name="SerializationVersion">The CLIXML version, 1.1.0.1.</param>
public sealed record SessionCapability(Version ProtocolVersion, Version PSVersion, Version SerializationVersion) : PsrpPayload
{
    /// <summary>The protocol version PowerShell 7.6 announces.</summary>
    public static Version Protocol24 { get; } = new(2, 4);

    /// <summary>The protocol version Windows PowerShell 5.1 and pwsh up to 7.5 announce.</summary>
    public static Version Protocol23 { get; } = new(2, 3);

    /// <summary>Optional BinaryFormatter time-zone blob older Windows clients send; never required, never interpreted.</summary>
    public byte[]? TimeZone { get; init; }

    /// <summary>What a client announces: the given protocol version, PSVersion 2.0, serialization 1.1.0.1.</summary>
    public static SessionCapability ForClient(Version protocolVersion) => new(protocolVersion, new Version(2, 0), new Version(1, 1, 0, 1));

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.SessionCapability;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("protocolversion", ProtocolVersion);
        obj.ExtendedProperties.Add("PSVersion", PSVersion);
        obj.ExtendedProperties.Add("SerializationVersion", SerializationVersion);
        if (TimeZone is not null)
        {
            obj.ExtendedProperties.Add("TimeZone", TimeZone);
        }

        return obj;
    }

    internal static SessionCapability FromClixml(object? value)
    {
        const MessageType type = MessageType.SessionCapability;
        var body = PayloadFields.AsObject(value, type);
        return new SessionCapability(
            PayloadFields.Required<Version>(body, "protocolversion", type),
            PayloadFields.Required<Version>(body, "PSVersion", type),
            PayloadFields.Required<Version>(body, "SerializationVersion", type))
        {
            TimeZone = PayloadFields.Optional<byte[]>(body, "TimeZone", type),
        };
    }
}
