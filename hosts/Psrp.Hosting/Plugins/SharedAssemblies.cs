using System.Reflection;
using System.Runtime.Loader;
using Psrp.Transport;

namespace Psrp.Hosting.Plugins;

/// <summary>
/// The assemblies every plugin shares with the host instead of loading its own copy: the contract
/// (<c>Psrp.Core</c>), MEF's (<c>System.Composition.*</c>, whose export attributes the catalog reads)
/// and logging's abstractions (the <c>ILoggerFactory</c> handed to providers). A private copy of
/// any of these would make a distinct type, and the plugin's provider would not be an
/// <see cref="ITransportProvider"/> to the host.
/// </summary>
internal static class SharedAssemblies
{
    /// <summary>The contract assembly's simple name; a plugin must reference it.</summary>
    public static readonly string ContractAssemblyName = typeof(ITransportProvider).Assembly.GetName().Name!;

    private static readonly AssemblyLoadContext HostContext =
        AssemblyLoadContext.GetLoadContext(typeof(ITransportProvider).Assembly) ?? AssemblyLoadContext.Default;

    /// <summary>True when <paramref name="simpleName"/> must come from the host.</summary>
    public static bool IsShared(string? simpleName) =>
        simpleName is not null
        && (simpleName.Equals(ContractAssemblyName, StringComparison.OrdinalIgnoreCase)
            || simpleName.StartsWith("System.Composition", StringComparison.OrdinalIgnoreCase)
            || simpleName.Equals("Microsoft.Extensions.Logging.Abstractions", StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads a shared assembly from the context that holds the host's contract.</summary>
    public static Assembly Load(AssemblyName name) => HostContext.LoadFromAssemblyName(name);
}
