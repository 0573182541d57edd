using Microsoft.Extensions.Logging;

namespace Psrp.Hosting;

/// <summary>The hosting layer's log lines. Paths, provider names and targets only: never credentials.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Searching plugin folder {Folder} (exists: {Exists})")]
    public static partial void SearchingFolder(this ILogger logger, string folder, bool exists);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Skipped {Path}: {Why}")]
    public static partial void SkippedFile(this ILogger logger, string path, string why);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Transport provider {Name} (schemes: {Schemes}) from {Source}; runs here: {Supported}")]
    public static partial void ProviderLoaded(this ILogger logger, string name, string schemes, string source, bool supported);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Plugin {Path} skipped: {Reason}")]
    public static partial void PluginFailed(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Scheme {Scheme} is claimed by several providers: {Chosen} serves it; ignored: {Ignored}")]
    public static partial void SchemeConflict(this ILogger logger, string scheme, string chosen, string ignored);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Connecting to {Target} with transport provider {Provider} ({Source})")]
    public static partial void Connecting(this ILogger logger, string target, string provider, string source);
}
