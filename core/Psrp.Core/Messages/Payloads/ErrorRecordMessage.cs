using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>ERROR_RECORD: a non-terminating error written by the pipeline.</summary>
/// <param name="Record">The error.</param>
public sealed record ErrorRecordMessage(PsErrorRecord Record) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.ErrorRecord;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion) => Record.ToPsObject();

    internal static ErrorRecordMessage FromClixml(object? value) =>
        new(PsErrorRecord.FromPsObject(PayloadFields.AsObject(value, MessageType.ErrorRecord)));
}
