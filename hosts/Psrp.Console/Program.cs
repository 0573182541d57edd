using Microsoft.Extensions.DependencyInjection;
using Psrp.Cli.Cli;
using Psrp.Cli.Sessions;
using Psrp.Hosting;

// Providers come from hosts/Psrp.Hosting's catalog, composed the way any host composes it.
await using var services = new ServiceCollection().AddPsrp().BuildServiceProvider();
return await CommandLine.RunAsync(args, new CatalogSessionFactory(services.GetRequiredService<PsrpSessionFactory>())).ConfigureAwait(false);
