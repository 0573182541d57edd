using System.Reflection;
using System.Runtime.Loader;

namespace Psrp.Hosting.Plugins;

/// <summary>
/// One plugin assembly's load context: its private dependencies resolve from its own folder (via
/// its <c>.deps.json</c> when present), so two plugins may carry different versions of the same
/// library; the contract assemblies (<see cref="SharedAssemblies"/>) come from the host.
/// </summary>
/// <remarks>
/// Not collectible: a provider's transports and the sessions on them may live as long as the
/// process, and unloading under a live session would only trade a leak for a crash.
/// </remarks>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _folder;

    public PluginLoadContext(string pluginPath)
        : base($"psrp-plugin:{pluginPath}", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(pluginPath);
        _folder = Path.GetDirectoryName(pluginPath)!;
    }

    /// <summary>
    /// Loads every assembly <paramref name="plugin"/> references, so a missing dependency is
    /// reported when the catalog is built rather than at the first connect (a provider typically
    /// touches its I/O library only when connecting). Throws the loader's exception, which names
    /// the missing assembly.
    /// </summary>
    public void LoadReferences(Assembly plugin)
    {
        foreach (var reference in plugin.GetReferencedAssemblies())
        {
            LoadFromAssemblyName(reference);
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (SharedAssemblies.IsShared(assemblyName.Name))
        {
            return SharedAssemblies.Load(assemblyName);
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null && assemblyName.Name is { } name)
        {
            // A plugin dropped without its .deps.json still finds the libraries next to it.
            var beside = Path.Combine(_folder, name + ".dll");
            path = File.Exists(beside) ? beside : null;
        }

        // Null falls back to the host's context: the shared framework and whatever the host carries.
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
