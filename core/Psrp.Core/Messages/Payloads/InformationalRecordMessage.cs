using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>DEBUG_RECORD, VERBOSE_RECORD or WARNING_RECORD: one record of those streams.</summary>
/// <param name="Type">One of <see cref="MessageType.DebugRecord"/>, <see cref="MessageType.VerboseRecord"/>, <see cref="MessageType.WarningRecord"/>.</param>
/// <param name="Record">The record.</param>
public sealed record InformationalRecordMessage(MessageType Type, PsInformationalRecord Record) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => Type is MessageType.DebugRecord or MessageType.VerboseRecord or MessageType.WarningRecord
        ? Type
        : throw new InvalidOperationException($"{Type} is not a debug, verbose or warning record type.");

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion) => Record.ToPsObject(Type switch
    {
        MessageType.DebugRecord => "System.Management.Automation.DebugRecord",
        MessageType.VerboseRecord => "System.Management.Automation.VerboseRecord",
        _ => "System.Management.Automation.WarningRecord",
    });

    internal static InformationalRecordMessage FromClixml(object? value, MessageType type) =>
        new(type, PsInformationalRecord.FromPsObject(PayloadFields.AsObject(value, type)));
}
