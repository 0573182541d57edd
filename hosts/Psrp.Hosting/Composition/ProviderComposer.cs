using System.Composition;
using System.Composition.Hosting;
using System.Reflection;
using Psrp.Transport;

namespace Psrp.Hosting.Composition;

/// <summary>
/// Composes one assembly with MEF and returns its transport provider exports with their metadata.
/// Each assembly gets its own container, so one that fails composition cannot take the others
/// down with it.
/// </summary>
internal static class ProviderComposer
{
    /// <summary>The assembly's exports, not yet instantiated. Throws what MEF or the type loader throws.</summary>
    public static IReadOnlyList<ExportFactory<ITransportProvider, TransportProviderMetadata>> Exports(Assembly assembly)
    {
        // The container is deliberately not disposed: it owns the parts it creates, and the
        // providers live as long as the catalog (which lives as long as the host).
        var container = new ContainerConfiguration().WithAssembly(assembly).CreateContainer();
        return container.GetExports<ExportFactory<ITransportProvider, TransportProviderMetadata>>().ToArray();
    }
}
