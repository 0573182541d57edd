using System.Reflection;
using Psrp.Providers.Process;

namespace Psrp.Hosting;

/// <summary>
/// Where <see cref="TransportCatalog"/> looks for transport providers: the built-in provider
/// assemblies (loaded with the host) and plugin folders (each plugin in its own load context).
/// </summary>
public sealed class PsrpHostingOptions
{
    /// <summary>The environment variable listing extra plugin folders, separated by <see cref="Path.PathSeparator"/>.</summary>
    public const string PluginPathVariable = "PSRP_PLUGIN_PATH";

    /// <summary>The folder beside the application searched by default.</summary>
    public const string DefaultPluginFolderName = "plugins";

    /// <summary>
    /// Plugin folders searched first, in this order. Relative paths are taken from the current
    /// directory. A folder that does not exist is listed in <see cref="TransportCatalog.PluginFolders"/>, not an error.
    /// </summary>
    public List<string> PluginFolders { get; } = [];

    /// <summary>
    /// Whether to search, after <see cref="PluginFolders"/>, the <c>plugins/</c> folder beside the
    /// application (<see cref="AppContext.BaseDirectory"/>) and then every folder in
    /// <c>PSRP_PLUGIN_PATH</c>. Default: true.
    /// </summary>
    public bool IncludeDefaultPluginFolders { get; set; } = true;

    /// <summary>
    /// Assemblies composed as built-in providers, in precedence order; prefilled with the process
    /// provider's. Built-in providers win every scheme they share with a plugin.
    /// </summary>
    public List<Assembly> BuiltInProviderAssemblies { get; } = [typeof(ProcessTransportProvider).Assembly, typeof(Psrp.Providers.Container.ContainerTransportProvider).Assembly,
        typeof(Psrp.Providers.Ssh.SshTransportProvider).Assembly, typeof(Psrp.Providers.OpenSsh.OpenSshTransportProvider).Assembly,
        typeof(Psrp.Providers.HyperV.HyperVTransportProvider).Assembly,
        typeof(Psrp.Providers.WSMan.WSManTransportProvider).Assembly];
}
