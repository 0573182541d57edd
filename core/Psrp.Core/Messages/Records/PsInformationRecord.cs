using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// A record of the information stream (protocol 2.3+): Write-Information and Write-Host output.
/// Write-Host data arrives as a <c>HostInformationMessage</c> object in <see cref="MessageData"/>.
/// </summary>
public sealed class PsInformationRecord
{
    private static readonly PsTypeNames StringListNames = new(
        "System.Collections.Generic.List`1[[System.String, System.Private.CoreLib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e]]",
        "System.Object");

    /// <summary>The payload: any object.</summary>
    public object? MessageData { get; init; }

    /// <summary>The command or script that wrote it.</summary>
    public string? Source { get; init; }

    /// <summary>When it was written.</summary>
    public DateTime TimeGenerated { get; init; }

    /// <summary>Tags, e.g. <c>PSHOST</c> for Write-Host.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The user the server runs as.</summary>
    public string? User { get; init; }

    /// <summary>The server's computer name.</summary>
    public string? Computer { get; init; }

    /// <summary>The server process id.</summary>
    public uint ProcessId { get; init; }

    /// <summary>The server's native thread id.</summary>
    public uint NativeThreadId { get; init; }

    /// <summary>The server's managed thread id.</summary>
    public uint ManagedThreadId { get; init; }

    /// <summary>The text of <see cref="MessageData"/>: the Message of a HostInformationMessage, else its string form.</summary>
    public string Text => MessageData switch
    {
        null => string.Empty,
        PsObject obj when obj["Message"] is string message => message,
        _ => MessageData.ToString() ?? string.Empty,
    };

    internal static PsInformationRecord FromPsObject(PsObject body, MessageType type) => new()
    {
        MessageData = body["MessageData"],
        Source = body["Source"] as string,
        TimeGenerated = PayloadFields.Optional<DateTime>(body, "TimeGenerated", type),
        Tags = PayloadFields.OptionalList(body, "Tags", type).Select(t => t?.ToString() ?? string.Empty).ToArray(),
        User = body["User"] as string,
        Computer = body["Computer"] as string,
        ProcessId = PayloadFields.Optional<uint>(body, "ProcessId", type),
        NativeThreadId = PayloadFields.Optional<uint>(body, "NativeThreadId", type),
        ManagedThreadId = PayloadFields.Optional<uint>(body, "ManagedThreadId", type),
    };

    internal PsObject ToPsObject()
    {
        var obj = new PsObject();
        var notes = obj.ExtendedProperties;
        notes.Add("MessageData", MessageData);
        notes.Add("Source", Source);
        notes.Add("TimeGenerated", TimeGenerated);
        notes.Add("Tags", new PsObject(StringListNames) { BaseValue = new PsList(Tags) });
        notes.Add("User", User);
        notes.Add("Computer", Computer);
        notes.Add("ProcessId", ProcessId);
        notes.Add("NativeThreadId", NativeThreadId);
        notes.Add("ManagedThreadId", ManagedThreadId);
        return obj;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
