namespace Psrp.LocalServer;

/// <summary>
/// A PowerShell endpoint on stdin/stdout: parses a pwsh-like command line and hands the process
/// to PowerShell's own stdio server loop. Nothing but protocol may reach stdout once the loop
/// runs, so this program never writes to stdout except for <c>-Help</c>.
/// </summary>
internal static class Program
{
    /// <summary>The server loop's entry point is missing or changed (see <see cref="PowerShellServerEntryPoint"/>).</summary>
    internal const int EntryPointMissingExitCode = 3;

    /// <summary>The server loop threw before it could report the error itself.</summary>
    internal const int ServerFailedExitCode = 1;

    private const string TelemetryOptOutVariable = "POWERSHELL_TELEMETRY_OPTOUT";

    private static int Main(string[] args)
    {
        ServerOptions? options = ServerCommandLine.Parse(args, out string? error);
        if (options is null)
        {
            Console.Error.WriteLine($"Psrp.LocalServer: {error}");
            Console.Error.WriteLine();
            Console.Error.WriteLine(ServerCommandLine.Usage);
            return ServerCommandLine.UsageExitCode;
        }

        if (options.ShowHelp)
        {
            Console.Out.WriteLine(ServerCommandLine.Usage);
            return 0;
        }

        // The engine's telemetry (ApplicationInsights) is on unless opted out; pwsh announces it in
        // its banner, which a server never shows. An endpoint embedded in tests and tools should
        // not report to Microsoft unasked, so opt out unless the caller chose otherwise. Must
        // happen before the engine's telemetry class is first touched.
        if (Environment.GetEnvironmentVariable(TelemetryOptOutVariable) is null)
        {
            Environment.SetEnvironmentVariable(TelemetryOptOutVariable, "1");
        }

        // Resolved against this process's directory (pwsh would resolve a relative path against
        // the runspace's, which is $HOME) and checked here, so a typo fails at once with a clear
        // message instead of breaking every runspace pool later.
        string? initialCommand = null;
        if (options.WorkingDirectory is not null)
        {
            string directory = Path.GetFullPath(options.WorkingDirectory);
            if (!Directory.Exists(directory))
            {
                Console.Error.WriteLine($"Psrp.LocalServer: the working directory '{directory}' does not exist.");
                return ServerCommandLine.UsageExitCode;
            }

            initialCommand = InitialLocation.Script(directory);
        }

        PowerShellServerEntryPoint.RunDelegate run;
        try
        {
            run = PowerShellServerEntryPoint.Resolve();
        }
        catch (EntryPointNotFoundException e)
        {
            Console.Error.WriteLine($"Psrp.LocalServer: {e.Message}");
            return EntryPointMissingExitCode;
        }

        // A terminal's Ctrl+C goes to the whole process group, the client's server included. A
        // client stops pipelines with the protocol's Signal; the server itself must not die of it.
        using var ignoreInterrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGINT, context => context.Cancel = true);

        // The server loop swaps Console.Error for a null writer, so keep the real one to report
        // a failure that escapes it.
        TextWriter stderr = Console.Error;
        try
        {
            run(initialCommand, workingDirectory: null, options.ConfigurationName, configurationFile: null, options.CombineErrorAndOutput);
        }
        catch (Exception e)
        {
            stderr.WriteLine($"Psrp.LocalServer: PowerShell's server loop failed: {e}");
            return ServerFailedExitCode;
        }

        // Run only returns if it was already running in this process; it normally ends the
        // process itself with Environment.Exit when stdin closes.
        return 0;
    }
}
