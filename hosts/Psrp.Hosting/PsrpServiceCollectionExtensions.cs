using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Psrp.Hosting;

/// <summary>Registers PSRP with Microsoft.Extensions.DependencyInjection.</summary>
public static class PsrpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="TransportCatalog"/> (built on first use from <see cref="PsrpHostingOptions"/>),
    /// the <see cref="PsrpSessionFactory"/>, the options, and logging; the container's
    /// <see cref="ILoggerFactory"/> reaches the catalog and every provider. Calling it again adds
    /// another <paramref name="configure"/>; the services are registered once.
    /// </summary>
    public static IServiceCollection AddPsrp(this IServiceCollection services, Action<PsrpHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.AddOptions<PsrpHostingOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(sp => TransportCatalog.Create(
            sp.GetRequiredService<IOptions<PsrpHostingOptions>>().Value,
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new PsrpSessionFactory(
            sp.GetRequiredService<TransportCatalog>(),
            sp.GetService<ILoggerFactory>()));
        return services;
    }
}
