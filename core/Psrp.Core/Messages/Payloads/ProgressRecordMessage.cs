using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// PROGRESS_RECORD: a Write-Progress update. PSRP uses a type-name-less property bag, not the
/// <c>&lt;PR&gt;</c> primitive of plain CLIXML; both map to <see cref="PsProgressRecord"/>.
/// </summary>
/// <param name="Record">The progress record.</param>
public sealed record ProgressRecordMessage(PsProgressRecord Record) : PsrpPayload
{
    /// <inheritdoc />
    public override MessageType MessageType => MessageType.ProgressRecord;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        var notes = obj.ExtendedProperties;
        notes.Add("Activity", Record.Activity);
        notes.Add("ActivityId", Record.ActivityId);
        notes.Add("StatusDescription", Record.StatusDescription);
        notes.Add("CurrentOperation", Record.CurrentOperation);
        notes.Add("ParentActivityId", Record.ParentActivityId);
        notes.Add("PercentComplete", Record.PercentComplete);
        var recordType = Enum.TryParse<ProgressRecordType>(Record.RecordType, out var parsed) ? parsed : ProgressRecordType.Processing;
        notes.Add("Type", WireEnum.Create(WireEnum.ProgressRecordType, recordType));
        notes.Add("SecondsRemaining", Record.SecondsRemaining);
        return obj;
    }

    internal static ProgressRecordMessage FromClixml(object? value)
    {
        const MessageType type = MessageType.ProgressRecord;
        var body = PayloadFields.AsObject(value, type);
        return new ProgressRecordMessage(new PsProgressRecord
        {
            Activity = body["Activity"] as string ?? string.Empty,
            ActivityId = PayloadFields.Optional<int>(body, "ActivityId", type),
            StatusDescription = body["StatusDescription"] as string ?? string.Empty,
            CurrentOperation = body["CurrentOperation"] as string,
            ParentActivityId = PayloadFields.Optional(body, "ParentActivityId", type, -1),
            PercentComplete = PayloadFields.Optional(body, "PercentComplete", type, -1),
            RecordType = ((ProgressRecordType)PayloadFields.Optional<int>(body, "Type", type)).ToString(),
            SecondsRemaining = PayloadFields.Optional(body, "SecondsRemaining", type, -1),
        });
    }
}
