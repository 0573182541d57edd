using System.Reflection;
using Psrp.Client;
using Psrp.Providers.Process;
using Psrp.Transport;

namespace Psrp.Cli.Sessions;

/// <summary>
/// The interim factory until hosts/Psrp.Hosting's provider catalog is wired in: only the embedded
/// process provider, chosen for the <c>process</c> scheme (and so for a local session).
/// </summary>
internal sealed class BuiltInSessionFactory : ISessionFactory
{
    private static readonly ExportTransportProviderAttribute ProcessExport =
        typeof(ProcessTransportProvider).GetCustomAttribute<ExportTransportProviderAttribute>()!;

    public async Task<RunspacePool> OpenAsync(SessionParameters parameters, RunspacePoolOptions options, CancellationToken cancellationToken)
    {
        var (_, target) = parameters.Resolve();
        var byName = parameters.Provider is { } name && name.Equals(ProcessExport.Name, StringComparison.OrdinalIgnoreCase);
        if (!byName && (parameters.Provider is not null || !ProcessExport.Schemes.Contains(target.Scheme, StringComparer.OrdinalIgnoreCase)))
        {
            var wanted = parameters.Provider is null ? $"the '{target.Scheme}' scheme" : $"the provider name '{parameters.Provider}'";
            throw new PsrpTransportException("psrp", TransportPhase.Connect, $"no transport provider serves {wanted} (available: {ProcessExport.Name} for {string.Join(", ", ProcessExport.Schemes.Select(s => s + ":"))}). Run 'psrp providers' to see what is installed.");
        }

        ITransportProvider provider = new ProcessTransportProvider();
        var transport = await provider.ConnectAsync(new TransportConnectRequest(target, parameters), cancellationToken).ConfigureAwait(false);
        return await RunspacePool.OpenAsync(transport, options, cancellationToken).ConfigureAwait(false);
    }

    public ProviderReport Describe() => new(
        [new ProviderRow(ProcessExport.Name, ProcessExport.Schemes, ProcessExport.Description, ProcessExport.OperatingSystems, typeof(ProcessTransportProvider).Assembly.Location, true)],
        [],
        [],
        []);
}
