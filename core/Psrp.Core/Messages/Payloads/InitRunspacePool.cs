using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>INIT_RUNSPACEPOOL: the pool's size, threading, host and application arguments.</summary>
public sealed record InitRunspacePool : PsrpPayload
{
    /// <summary>Minimum runspaces (default 1).</summary>
    public int MinRunspaces { get; init; } = 1;

    /// <summary>Maximum runspaces (default 1).</summary>
    public int MaxRunspaces { get; init; } = 1;

    /// <summary>Thread options.</summary>
    public PSThreadOptions ThreadOptions { get; init; } = PSThreadOptions.Default;

    /// <summary>Apartment state (PowerShell's default for remote pools: Unknown).</summary>
    public ApartmentState ApartmentState { get; init; } = ApartmentState.Unknown;

    /// <summary>The client host description.</summary>
    public HostInfo HostInfo { get; init; } = HostInfo.None;

    /// <summary>Application arguments ($PSSenderInfo.ApplicationArguments on the server), or null.</summary>
    public PsDictionary? ApplicationArguments { get; init; }

    /// <inheritdoc />
    public override MessageType MessageType => MessageType.InitRunspacePool;

    /// <inheritdoc />
    public override object? ToClixml(Version protocolVersion)
    {
        var obj = new PsObject();
        var notes = obj.ExtendedProperties;
        notes.Add("MinRunspaces", MinRunspaces);
        notes.Add("MaxRunspaces", MaxRunspaces);
        notes.Add("PSThreadOptions", WireEnum.Create(WireEnum.PSThreadOptions, ThreadOptions));
        notes.Add("ApartmentState", WireEnum.Create(WireEnum.ApartmentState, ApartmentState));
        notes.Add("HostInfo", HostInfo.ToPsObject());
        notes.Add("ApplicationArguments", ApplicationArguments is null ? null : PsPrimitiveDictionary.ToPsObject(ApplicationArguments));
        return obj;
    }

    internal static InitRunspacePool FromClixml(object? value)
    {
        const MessageType type = MessageType.InitRunspacePool;
        var body = PayloadFields.AsObject(value, type);
        var host = PayloadFields.OptionalObject(body, "HostInfo", type);
        return new InitRunspacePool
        {
            MinRunspaces = PayloadFields.Required<int>(body, "MinRunspaces", type),
            MaxRunspaces = PayloadFields.Required<int>(body, "MaxRunspaces", type),
            ThreadOptions = PayloadFields.Optional(body, "PSThreadOptions", type, PSThreadOptions.Default),
            ApartmentState = PayloadFields.Optional(body, "ApartmentState", type, ApartmentState.Unknown),
            HostInfo = host is null ? HostInfo.None : HostInfo.FromPsObject(host, type),
            ApplicationArguments = PsPrimitiveDictionary.FromValue(body["ApplicationArguments"]),
        };
    }
}
