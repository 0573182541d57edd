using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>APPLICATION_PRIVATE_DATA: server data for the client, including <c>PSVersionTable</c>.</summary>
/// <param name="Data">The PSPrimitiveDictionary entries.</param>
public sealed record ApplicationPrivateData(PsDictionary Data) : PsrpPayload
{
    /// <summary>The server's <c>$PSVersionTable</c>, when present.</summary>
    public PsDictionary? PSVersionTable => PsPrimitiveDictionary.FromValue(Data["PSVersionTable"]);

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.ApplicationPrivateData;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        obj.ExtendedProperties.Add("ApplicationPrivateData", PsPrimitiveDictionary.ToPsObject(Data));
        return obj;
    }

    internal static ApplicationPrivateData FromClixml(object? value)
    {
        const MessageType type = MessageType.ApplicationPrivateData;
        var body = PayloadFields.AsObject(value, type);
        return new ApplicationPrivateData(PsPrimitiveDictionary.FromValue(body["ApplicationPrivateData"]) ?? new PsDictionary());
    }
}
