using Psrp.Client;
using Psrp.Hosting;
using Psrp.Transport;

namespace Psrp.Cli.Sessions;

/// <summary>
/// Sessions through hosts/Psrp.Hosting: the built-in providers plus plugins from the plugin folders
/// (<c>plugins/</c> beside psrp, then <c>PSRP_PLUGIN_PATH</c>), selected by scheme or <c>--provider</c>.
/// </summary>
internal sealed class CatalogSessionFactory : ISessionFactory
{
    private readonly PsrpSessionFactory _factory;

    public CatalogSessionFactory(PsrpSessionFactory factory)
    {
        _factory = factory;
    }

    public Task<RunspacePool> OpenAsync(SessionParameters parameters, RunspacePoolOptions options, TransportOptions? transportOptions, CancellationToken cancellationToken) =>
        _factory.OpenAsync(parameters, options, transportOptions, cancellationToken);

    public ProviderReport Describe()
    {
        var catalog = _factory.Catalog;
        return new ProviderReport(
            catalog.Providers.Select(p => new ProviderRow(p.Name, p.Schemes, p.Description, p.OperatingSystems, p.Source, p.SupportedOnThisSystem)).ToArray(),
            catalog.PluginFolders,
            catalog.Failures.Select(f => new PluginFailureRow(f.Path, f.Reason)).ToArray(),
            catalog.Conflicts.Select(c => $"{c.Scheme}: served by {c.ChosenProvider}; ignored {string.Join(", ", c.IgnoredProviders)}").ToArray());
    }
}
