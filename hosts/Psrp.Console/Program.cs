using Psrp.Cli.Cli;
using Psrp.Cli.Sessions;

return await CommandLine.RunAsync(args, new BuiltInSessionFactory()).ConfigureAwait(false);
