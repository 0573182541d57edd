using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// A debug, verbose or warning record (PowerShell's InformationalRecord family): the message and,
/// when the server attached it, flattened invocation info kept in <see cref="Source"/>.
/// </summary>
public sealed class PsInformationalRecord
{
    /// <summary>The record's text.</summary>
    public required string Message { get; init; }

    /// <summary>InvocationInfo_PositionMessage when the server attached invocation info.</summary>
    public string? PositionMessage { get; init; }

    /// <summary>InvocationInfo_InvocationName (the command that wrote the record) when attached.</summary>
    public string? InvocationName { get; init; }

    /// <summary>The object as received; null for records built locally.</summary>
    public PsObject? Source { get; init; }

    /// <summary>Reads a received record object.</summary>
    public static PsInformationalRecord FromPsObject(PsObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new PsInformationalRecord
        {
            Message = obj["InformationalRecord_Message"] as string ?? obj.ToStringValue ?? string.Empty,
            PositionMessage = obj["InvocationInfo_PositionMessage"] as string,
            InvocationName = obj["InvocationInfo_InvocationName"] as string,
            Source = obj,
        };
    }

    /// <summary>The remoting shape, typed for <paramref name="recordTypeName"/> (e.g. <c>System.Management.Automation.WarningRecord</c>).</summary>
    public PsObject ToPsObject(string recordTypeName)
    {
        if (Source is not null)
        {
            return Source;
        }

        var obj = new PsObject(new PsTypeNames(recordTypeName, "System.Management.Automation.InformationalRecord", "System.Object"))
        {
            ToStringValue = Message,
        };
        obj.ExtendedProperties.Add("InformationalRecord_Message", Message);
        obj.ExtendedProperties.Add("InformationalRecord_SerializeInvocationInfo", false);
        return obj;
    }

    /// <inheritdoc />
    public override string ToString() => Message;
}
