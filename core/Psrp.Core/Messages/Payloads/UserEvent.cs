using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>USER_EVENT: an engine event forwarded from the server (Register-EngineEvent -Forward / New-Event).</summary>
public sealed record UserEvent : PsrpPayload
{
    /// <summary>PSEventArgs.EventIdentifier.</summary>
    public int EventIdentifier { get; init; }

    /// <summary>PSEventArgs.SourceIdentifier.</summary>
    public string? SourceIdentifier { get; init; }

    /// <summary>PSEventArgs.TimeGenerated.</summary>
    public DateTime TimeGenerated { get; init; }

    /// <summary>PSEventArgs.Sender.</summary>
    public object? Sender { get; init; }

    /// <summary>PSEventArgs.SourceArgs.</summary>
    public object? SourceArgs { get; init; }

    /// <summary>PSEventArgs.MessageData.</summary>
    public object? MessageData { get; init; }

    /// <summary>PSEventArgs.ComputerName.</summary>
    public string? ComputerName { get; init; }

    /// <summary>PSEventArgs.RunspaceId.</summary>
    public Guid RunspaceId { get; init; }

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.UserEvent;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        var notes = obj.ExtendedProperties;
        notes.Add("PSEventArgs.EventIdentifier", EventIdentifier);
        notes.Add("PSEventArgs.SourceIdentifier", SourceIdentifier);
        notes.Add("PSEventArgs.TimeGenerated", TimeGenerated);
        notes.Add("PSEventArgs.Sender", Sender);
        notes.Add("PSEventArgs.SourceArgs", SourceArgs);
        notes.Add("PSEventArgs.MessageData", MessageData);
        notes.Add("PSEventArgs.ComputerName", ComputerName);
        notes.Add("PSEventArgs.RunspaceId", RunspaceId);
        return obj;
    }

    internal static UserEvent FromClixml(object? value)
    {
        const MessageType type = MessageType.UserEvent;
        var body = PayloadFields.AsObject(value, type);
        return new UserEvent
        {
            EventIdentifier = PayloadFields.Optional<int>(body, "PSEventArgs.EventIdentifier", type),
            SourceIdentifier = body["PSEventArgs.SourceIdentifier"] as string,
            TimeGenerated = PayloadFields.Optional<DateTime>(body, "PSEventArgs.TimeGenerated", type),
            Sender = body["PSEventArgs.Sender"],
            SourceArgs = body["PSEventArgs.SourceArgs"],
            MessageData = body["PSEventArgs.MessageData"],
            ComputerName = body["PSEventArgs.ComputerName"] as string,
            RunspaceId = PayloadFields.Optional<Guid>(body, "PSEventArgs.RunspaceId", type),
        };
    }
}
