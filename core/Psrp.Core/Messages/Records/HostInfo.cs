using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// What the client tells the server about its host (PowerShell's HostInfo): which parts exist,
/// whether a pipeline uses the pool's host, and the raw-UI defaults. Note names on the wire are
/// PowerShell's private field names.
/// </summary>
public sealed record HostInfo
{
    /// <summary>No host at all: every flag true, pipelines use the pool's (absent) host. What a non-interactive client sends.</summary>
    public static HostInfo None { get; } = new();

    /// <summary>True when the client has no host.</summary>
    public bool IsHostNull { get; init; } = true;

    /// <summary>True when the client host has no UI.</summary>
    public bool IsHostUINull { get; init; } = true;

    /// <summary>True when the client host UI has no raw UI.</summary>
    public bool IsHostRawUINull { get; init; } = true;

    /// <summary>For pipelines: use the runspace pool's host instead of a per-pipeline one.</summary>
    public bool UseRunspaceHost { get; init; } = true;

    /// <summary>Raw-UI defaults; null when there is no raw UI (then the field is omitted, as PowerShell does).</summary>
    public HostDefaultData? DefaultData { get; init; }

    internal PsObject ToPsObject()
    {
        var obj = new PsObject();
        if (DefaultData is not null)
        {
            obj.ExtendedProperties.Add("_hostDefaultData", DefaultData.ToPsObject());
        }

        obj.ExtendedProperties.Add("_isHostNull", IsHostNull);
        obj.ExtendedProperties.Add("_isHostUINull", IsHostUINull);
        obj.ExtendedProperties.Add("_isHostRawUINull", IsHostRawUINull);
        obj.ExtendedProperties.Add("_useRunspaceHost", UseRunspaceHost);
        return obj;
    }

    internal static HostInfo FromPsObject(PsObject obj, MessageType type)
    {
        var defaults = PayloadFields.OptionalObject(obj, "_hostDefaultData", type);
        return new HostInfo
        {
            IsHostNull = PayloadFields.Optional(obj, "_isHostNull", type, true),
            IsHostUINull = PayloadFields.Optional(obj, "_isHostUINull", type, true),
            IsHostRawUINull = PayloadFields.Optional(obj, "_isHostRawUINull", type, true),
            UseRunspaceHost = PayloadFields.Optional(obj, "_useRunspaceHost", type, true),
            DefaultData = defaults is null ? null : HostDefaultData.FromPsObject(defaults, type),
        };
    }
}
