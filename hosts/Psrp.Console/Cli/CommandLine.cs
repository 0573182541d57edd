using System.CommandLine;
using Psrp.Cli.Commands;
using Psrp.Cli.Sessions;

namespace Psrp.Cli.Cli;

/// <summary>The <c>psrp</c> command tree and its entry point.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Parser settings. Response files are off: System.CommandLine would read <c>@{Port=22}</c>
    /// (a PowerShell hashtable for -Options) as "read arguments from the file named {Port=22}".
    /// </summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    public static RootCommand Build(ISessionFactory sessions)
    {
        var root = new RootCommand("psrp: PowerShell remoting (MS-PSRP) in pure .NET. Parameters take PowerShell's names (-HostName, -ComputerName, ...) or --kebab-case.");
        root.Subcommands.Add(EnterCommand.Create(sessions));
        root.Subcommands.Add(InvokeCommand.Create(sessions));
        root.Subcommands.Add(ProvidersCommand.Create(sessions));
        root.Subcommands.Add(TraceCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; parse errors exit with 2, like every other bad parameter.</summary>
    public static async Task<int> RunAsync(string[] args, ISessionFactory sessions)
    {
        var root = Build(sessions);
        var result = root.Parse(ArgumentNormalizer.Normalize(args), Parsing);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"psrp: {error.Message}");
            }

            Console.Error.WriteLine("Run 'psrp --help' (or 'psrp <command> --help') for usage.");
            return ExitCodes.BadParameters;
        }

        // Ctrl+C is the session's to handle (stop the remote pipeline), not a reason to end the process.
        return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }
}
