using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>INFORMATION_RECORD (protocol 2.3+): one record of the information stream.</summary>
/// <param name="Record">The record.</param>
public sealed record InformationRecordMessage(PsInformationRecord Record) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.InformationRecord;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion) => Record.ToPsObject();

    internal static InformationRecordMessage FromClixml(object? value) =>
        new(PsInformationRecord.FromPsObject(PayloadFields.AsObject(value, MessageType.InformationRecord), MessageType.InformationRecord));
}
