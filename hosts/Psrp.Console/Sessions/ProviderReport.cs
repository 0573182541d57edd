namespace Psrp.Cli.Sessions;

/// <summary>What <c>psrp providers</c> shows.</summary>
/// <param name="Providers">Providers found.</param>
/// <param name="PluginFolders">Folders searched for plugin assemblies.</param>
/// <param name="Failures">Plugins that could not be loaded.</param>
/// <param name="Conflicts">Scheme or name conflicts between providers, as sentences.</param>
internal sealed record ProviderReport(
    IReadOnlyList<ProviderRow> Providers,
    IReadOnlyList<string> PluginFolders,
    IReadOnlyList<PluginFailureRow> Failures,
    IReadOnlyList<string> Conflicts);

/// <summary>One provider.</summary>
internal sealed record ProviderRow(string Name, IReadOnlyList<string> Schemes, string Description, IReadOnlyList<string> OperatingSystems, string Source, bool SupportedOnThisSystem);

/// <summary>One plugin that failed to load.</summary>
internal sealed record PluginFailureRow(string Path, string Reason);
