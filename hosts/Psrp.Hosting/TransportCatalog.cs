using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Psrp.Hosting.Composition;
using Psrp.Hosting.Plugins;
using Psrp.Transport;

namespace Psrp.Hosting;

/// <summary>
/// Every transport provider the host can use: those in <see cref="PsrpHostingOptions.BuiltInProviderAssemblies"/>
/// and those exported by plugin assemblies in the plugin folders, found with System.Composition
/// (MEF), each plugin in its own load context. Plugins that fail to load are in <see cref="Failures"/>
/// and never stop the others; schemes claimed twice are in <see cref="Conflicts"/>.
/// </summary>
/// <remarks>
/// Precedence, which decides duplicate schemes and names: built-in assemblies in list order,
/// then plugin folders in <see cref="PluginFolders"/> order, and within a folder entry files in
/// ordinal file-name order. A scheme goes to the first claimant that runs on this system. Every
/// provider that runs here is created once, when the catalog is built, and shared by all sessions.
/// </remarks>
public sealed class TransportCatalog
{
    private readonly IReadOnlyDictionary<string, LoadedProvider> _byName;
    private readonly Dictionary<string, LoadedProvider> _byScheme;

    private TransportCatalog(
        IReadOnlyList<LoadedProvider> providers,
        IReadOnlyDictionary<string, LoadedProvider> byName,
        Dictionary<string, LoadedProvider> byScheme,
        IReadOnlyList<SchemeConflict> conflicts,
        IReadOnlyList<PluginLoadFailure> failures,
        IReadOnlyList<string> pluginFolders)
    {
        Providers = providers.Select(p => p.Info).ToArray();
        _byName = byName;
        _byScheme = byScheme;
        Conflicts = conflicts;
        Failures = failures;
        PluginFolders = pluginFolders;
    }

    /// <summary>Every provider found, in precedence order (built-in first), including those that do not run on this system.</summary>
    public IReadOnlyList<TransportProviderInfo> Providers { get; }

    /// <summary>Plugins (or folders) that could not be used, each with its path and the reason.</summary>
    public IReadOnlyList<PluginLoadFailure> Failures { get; }

    /// <summary>Schemes claimed by more than one provider, by scheme, with the provider that won.</summary>
    public IReadOnlyList<SchemeConflict> Conflicts { get; }

    /// <summary>The plugin folders searched, as full paths in search order, whether they exist or not.</summary>
    public IReadOnlyList<string> PluginFolders { get; }

    /// <summary>
    /// Builds the catalog: composes the built-in assemblies, then every plugin folder. Never throws
    /// for a plugin's fault; see <see cref="Failures"/>. Logs what it loads, skips and rejects.
    /// </summary>
    public static TransportCatalog Create(PsrpHostingOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TransportCatalog>();
        var folders = PluginFolderList.Resolve(options, AppContext.BaseDirectory, Environment.GetEnvironmentVariable(PsrpHostingOptions.PluginPathVariable));
        var builder = new CatalogBuilder(logger);
        foreach (var assembly in options.BuiltInProviderAssemblies.Distinct())
        {
            builder.AddBuiltIn(assembly);
        }

        foreach (var folder in folders)
        {
            builder.AddFolder(folder);
        }

        var (owners, conflicts) = SchemeTable.Build(builder.Providers);
        foreach (var conflict in conflicts)
        {
            logger.SchemeConflict(conflict.Scheme, conflict.ChosenProvider, string.Join(", ", conflict.IgnoredProviders));
        }

        return new TransportCatalog(builder.Providers, builder.ByName, owners, conflicts, builder.Failures, folders);
    }

    /// <summary>
    /// The provider for <paramref name="target"/>: the one named <paramref name="providerName"/>
    /// (case-insensitive) when given and not blank, whatever the target's scheme; otherwise the one serving the
    /// target's scheme. Throws <see cref="ProviderNotFoundException"/> listing what is available, or
    /// <see cref="ProviderNotSupportedException"/> when the provider does not run on this system.
    /// </summary>
    public (TransportProviderInfo Info, ITransportProvider Provider) Select(TransportTarget target, string? providerName = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        providerName = string.IsNullOrWhiteSpace(providerName) ? null : providerName.Trim();
        LoadedProvider? found;
        if (providerName is not null)
        {
            if (!_byName.TryGetValue(providerName, out found))
            {
                throw new ProviderNotFoundException(
                    $"No transport provider is named '{providerName}'. {Available(includeFailures: true)}",
                    target.Scheme,
                    providerName);
            }
        }
        else if (!_byScheme.TryGetValue(target.Scheme, out found))
        {
            throw new ProviderNotFoundException(
                $"No transport provider serves the '{target.Scheme}:' scheme (target {target}). {Available(includeFailures: true)} Add a plugin that exports the scheme to one of the plugin folders, or name a provider explicitly.",
                target.Scheme,
                providerName);
        }

        if (found.Provider is null)
        {
            var info = found.Info;
            throw new ProviderNotSupportedException(
                $"The transport provider '{info.Name}' ({Describe(info.Source)}) runs only on {string.Join(", ", info.OperatingSystems)}; this system is {CurrentSystem()}. Connect from a supported system, or choose another provider. {Available(includeFailures: false)}",
                target.Scheme,
                providerName,
                info);
        }

        return (found.Info, found.Provider);
    }

    private string Available(bool includeFailures)
    {
        var usable = Providers.Where(p => p.SupportedOnThisSystem).ToArray();
        var text = usable.Length == 0
            ? "No provider runs on this system."
            : "Available providers: " + string.Join("; ", usable.Select(p => $"{p.Name} (schemes: {Schemes(p)}; {Describe(p.Source)})")) + ".";
        text += $" Plugin folders searched: {(PluginFolders.Count == 0 ? "none" : string.Join(", ", PluginFolders))}.";
        if (includeFailures && Failures.Count > 0)
        {
            text += $" Plugins that failed to load: {string.Join("; ", Failures.Select(f => $"{f.Path} ({f.Reason})"))}.";
        }

        return text;
    }

    // A scheme another provider won is shown with its owner, so the list explains the selection.
    private string Schemes(TransportProviderInfo provider) =>
        provider.Schemes.Count == 0
            ? "none"
            : string.Join(", ", provider.Schemes.Select(s =>
                _byScheme.TryGetValue(s, out var owner) && owner.Info.Name != provider.Name ? $"{s}: (taken by {owner.Info.Name})" : s + ":"));

    private static string Describe(string source) => source == TransportProviderInfo.BuiltIn ? "built in" : $"plugin {source}";

    private static string CurrentSystem() =>
        OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsMacOS() ? "macos"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : RuntimeInformation.OSDescription;
}
