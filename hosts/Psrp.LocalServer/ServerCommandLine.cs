namespace Psrp.LocalServer;

/// <summary>How the server reports its own remoting errors.</summary>
internal enum ServerMode
{
    /// <summary><c>-s</c>/<c>-ServerMode</c>: errors go to stderr (what Start-Job's <c>pwsh -s</c> uses).</summary>
    Standard,

    /// <summary><c>-sshs</c>/<c>-SSHServerMode</c>: errors go into stdout, prefixed <c>__NamedPipeError__:</c>,
    /// because sshd's subsystem channel gives the client stdout only.</summary>
    Ssh,
}

/// <summary>The parsed command line.</summary>
internal sealed record ServerOptions(
    ServerMode Mode,
    string? ConfigurationName,
    string? WorkingDirectory,
    bool ShowHelp)
{
    /// <summary>Whether remoting errors are written to stdout (the <c>combineErrOutStream</c> argument of the server loop).</summary>
    public bool CombineErrorAndOutput => Mode == ServerMode.Ssh;
}

/// <summary>
/// Parses the subset of pwsh's command line that makes sense for a server: the same switch
/// names and short forms, case-insensitive, with a leading <c>-</c> or <c>--</c>. Unlike pwsh,
/// unambiguous prefixes (<c>-serv</c>) are not accepted: a launcher should spell them out.
/// pwsh's <c>-ConfigurationFile</c> is left out on purpose: every session configuration file
/// makes the engine load the Microsoft.PowerShell.Host snap-in from
/// Microsoft.PowerShell.ConsoleHost.dll, which the NuGet engine lacks, and the server then
/// never answers the client with a pool state (verified with SessionType Default, Empty and
/// RestrictedRemoteServer).
/// </summary>
internal static class ServerCommandLine
{
    /// <summary>Exit code for a bad command line (as pwsh and most tools use).</summary>
    public const int UsageExitCode = 2;

    public const string Usage =
        """
        Usage: Psrp.LocalServer [-s | -sshs] [-NoLogo] [-NoProfile] [-ConfigurationName <name>]
                                [-WorkingDirectory <dir>]

        Runs PowerShell's own remoting server (System.Management.Automation) on stdin/stdout,
        speaking the out-of-process PSRP framing, like `pwsh -s` / `pwsh -sshs`.

          -s, -ServerMode              Errors go to stderr (default).
          -sshs, -SSHServerMode        Errors go to stdout prefixed __NamedPipeError__: (for an sshd subsystem).
          -nol, -NoLogo                Accepted for pwsh compatibility; no effect (there is no banner).
          -nop, -NoProfile             Accepted for pwsh compatibility; no effect (no profile is run).
          -config, -ConfigurationName  Session configuration name (a WinRM endpoint; off Windows
                                       every name breaks the pool, as with pwsh).
          -wd, -WorkingDirectory       Initial location of the remote session.
          -h, -?, -Help                Show this help.
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <returns>The options, or <see langword="null"/> with <paramref name="error"/> saying what is wrong.</returns>
    public static ServerOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ServerMode? mode = null;
        string? configurationName = null, workingDirectory = null;
        bool help = false;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..]
                : arg.StartsWith('-') ? arg[1..]
                : string.Empty;

            error = name.ToLowerInvariant() switch
            {
                "s" or "servermode" => SetMode(ref mode, ServerMode.Standard),
                "sshs" or "sshservermode" => SetMode(ref mode, ServerMode.Ssh),
                "nol" or "nologo" or "nop" or "noprofile" => null,
                "config" or "configurationname" => TakeValue(args, ref i, ref configurationName),
                "wd" or "workingdirectory" => TakeValue(args, ref i, ref workingDirectory),
                "h" or "?" or "help" => SetFlag(ref help),
                _ when name.Length == 0 => $"Unexpected argument '{arg}'.",
                _ => $"Unknown switch '{arg}'.",
            };

            if (error is not null)
            {
                return null;
            }
        }

        error = null;
        return new ServerOptions(mode ?? ServerMode.Standard, configurationName, workingDirectory, help);
    }

    private static string? SetMode(ref ServerMode? mode, ServerMode value)
    {
        if (mode is not null && mode != value)
        {
            return "-s/-ServerMode and -sshs/-SSHServerMode cannot be combined.";
        }

        mode = value;
        return null;
    }

    private static string? SetFlag(ref bool flag)
    {
        flag = true;
        return null;
    }

    private static string? TakeValue(IReadOnlyList<string> args, ref int i, ref string? value)
    {
        string arg = args[i];
        if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
        {
            return $"Switch '{arg}' needs a value.";
        }

        if (value is not null)
        {
            return $"Switch '{arg}' was given more than once.";
        }

        value = args[++i];
        return null;
    }
}
