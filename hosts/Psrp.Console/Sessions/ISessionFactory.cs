using Psrp.Client;
using Psrp.Transport;

namespace Psrp.Cli.Sessions;

/// <summary>
/// The seam between the CLI and whatever finds transport providers: opens a runspace pool for a set
/// of session parameters and describes the providers it knows. Parameter-set errors surface as
/// <see cref="SessionParameterException"/>, a target no provider serves as
/// <see cref="Psrp.Hosting.ProviderNotFoundException"/>, connection failures as <see cref="PsrpTransportException"/>.
/// </summary>
internal interface ISessionFactory
{
    /// <summary>Validates the parameters, connects through the right provider and opens a pool.</summary>
    Task<RunspacePool> OpenAsync(SessionParameters parameters, RunspacePoolOptions options, TransportOptions? transportOptions, CancellationToken cancellationToken);

    /// <summary>The providers found, the folders searched and the plugins that failed to load.</summary>
    ProviderReport Describe();
}
