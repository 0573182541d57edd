using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Psrp.Client;
using Psrp.Transport;

namespace Psrp.Hosting;

/// <summary>
/// Turns session parameters into a connected transport or an open runspace pool: validates the
/// parameter set, selects the provider from the <see cref="Catalog"/> (by name or scheme) and
/// connects it with the host's logger factory. Registered as a singleton by
/// <see cref="PsrpServiceCollectionExtensions.AddPsrp"/>; safe to share.
/// </summary>
public sealed class PsrpSessionFactory
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    /// <summary>Creates a factory over <paramref name="catalog"/>; providers log through <paramref name="loggerFactory"/>.</summary>
    public PsrpSessionFactory(TransportCatalog catalog, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<PsrpSessionFactory>();
    }

    /// <summary>The providers sessions are made with.</summary>
    public TransportCatalog Catalog { get; }

    /// <summary>
    /// Connects a transport for <paramref name="parameters"/>. Throws <see cref="SessionParameterException"/>
    /// for an invalid parameter combination, <see cref="ProviderNotFoundException"/> when no usable
    /// provider serves the target, and <see cref="PsrpTransportException"/> when connecting fails
    /// (a provider's untyped failure is wrapped in one that names the provider and where it came from).
    /// </summary>
    public Task<IPsrpTransport> ConnectAsync(SessionParameters parameters, CancellationToken cancellationToken = default) =>
        ConnectAsync(parameters, null, cancellationToken);

    /// <summary>
    /// Connects (see <see cref="ConnectAsync(SessionParameters, CancellationToken)"/>) with wire tuning and a
    /// wire recorder; bad tuning values give <see cref="PsrpOptionException"/> before anything connects.
    /// </summary>
    public async Task<IPsrpTransport> ConnectAsync(SessionParameters parameters, TransportOptions? transportOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        transportOptions?.Validate();
        var (_, target) = parameters.Resolve();
        var (info, provider) = Catalog.Select(target, parameters.Provider);
        _logger.Connecting(target.ToString(), info.Name, info.Source);
        var request = new TransportConnectRequest(target, parameters) { LoggerFactory = _loggerFactory, Options = transportOptions ?? TransportOptions.Default };
        IPsrpTransport? transport;
        try
        {
            transport = await provider.ConnectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (PsrpTransportException or OperationCanceledException or SessionParameterException or PsrpOptionException))
        {
            throw new PsrpTransportException(
                info.Name,
                TransportPhase.Connect,
                $"the provider ({Origin(info)}) failed unexpectedly with {ex.GetType().Name}: {ex.Message} Report this to the provider's author.",
                ex);
        }

        return transport ?? throw new PsrpTransportException(
            info.Name,
            TransportPhase.Connect,
            $"the provider ({Origin(info)}) returned no transport. Report this to the provider's author.");
    }

    /// <summary>
    /// Connects (see <see cref="ConnectAsync(SessionParameters, CancellationToken)"/>) and opens a runspace pool on the transport; the
    /// pool owns the transport, and a failed open disposes it.
    /// </summary>
    public Task<RunspacePool> OpenAsync(SessionParameters parameters, RunspacePoolOptions? poolOptions = null, CancellationToken cancellationToken = default) =>
        OpenAsync(parameters, poolOptions, null, cancellationToken);

    /// <summary>Connects with wire tuning (see <see cref="ConnectAsync(SessionParameters, TransportOptions?, CancellationToken)"/>) and opens a runspace pool.</summary>
    public async Task<RunspacePool> OpenAsync(SessionParameters parameters, RunspacePoolOptions? poolOptions, TransportOptions? transportOptions, CancellationToken cancellationToken = default)
    {
        poolOptions?.Validate();
        var transport = await ConnectAsync(parameters, transportOptions, cancellationToken).ConfigureAwait(false);
        return await RunspacePool.OpenAsync(transport, poolOptions, cancellationToken).ConfigureAwait(false);
    }

    private static string Origin(TransportProviderInfo info) => info.IsBuiltIn ? "built in" : $"plugin {info.Source}";
}
