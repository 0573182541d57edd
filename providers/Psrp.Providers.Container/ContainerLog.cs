using Microsoft.Extensions.Logging;

namespace Psrp.Providers.Container;

/// <summary>The container provider's log lines: endpoints, container and exec ids, commands; never credentials.</summary>
internal static partial class ContainerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Container {Container} resolved on {Engine}: {Name} ({Id}), platform {Platform}")]
    public static partial void Resolved(this ILogger logger, string container, string engine, string name, string id, string platform);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Started exec {ExecId} in container {Name}: {Command}")]
    public static partial void ExecStarted(this ILogger logger, string execId, string name, string command);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The server in exec {ExecId} did not exit within {Seconds} s of its stdin closing; killing it with a second exec")]
    public static partial void Killing(this ILogger logger, string execId, double seconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Could not kill the server of exec {ExecId}: {Reason}. It runs until the container stops.")]
    public static partial void KillFailed(this ILogger logger, string execId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Exec {ExecId} ended: {How}")]
    public static partial void ExecEnded(this ILogger logger, string execId, string how);
}
