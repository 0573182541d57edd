using Microsoft.Extensions.Logging;

namespace Psrp.Providers.HyperV;

/// <summary>The Hyper-V provider's log lines: VM ids, services, protocol versions; never the password or the token.</summary>
internal static partial class HyperVLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Virtual machine {Name} is {VmId} and running")]
    public static partial void Resolved(this ILogger logger, string name, Guid vmId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Signing in to the broker of VM {VmId} as {User} ({Protocol} handshake)")]
    public static partial void BrokerHandshake(this ILogger logger, Guid vmId, string user, string protocol);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "VM {VmId} runs a PowerShell Direct broker older than VERSION_2; falling back to the legacy handshake, whose session is not token-checked")]
    public static partial void Downgrading(this ILogger logger, Guid vmId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "PowerShell Direct session to VM {VmId} connected ({Protocol})")]
    public static partial void SessionConnected(this ILogger logger, Guid vmId, string protocol);
}
