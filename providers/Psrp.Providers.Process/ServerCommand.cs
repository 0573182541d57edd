namespace Psrp.Providers.Process;

/// <summary>The resolved command line of the server process.</summary>
/// <param name="FileName">Executable.</param>
/// <param name="Arguments">Arguments, each passed as one argument.</param>
/// <param name="Description">What was chosen, for errors and logs.</param>
public sealed record ServerCommand(string FileName, IReadOnlyList<string> Arguments, string Description)
{
    /// <summary>The environment variable naming the local endpoint (a <c>.dll</c> run with dotnet, or an executable).</summary>
    public const string LocalServerVariable = "PSRP_LOCAL_SERVER";

    private static readonly string[] ServerArguments = ["-s", "-NoLogo", "-NoProfile"];

    /// <summary>Chooses the server command for <paramref name="options"/> (see <see cref="ProcessTransportOptions.FileName"/>).</summary>
    public static ServerCommand Resolve(ProcessTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var command = ResolveExecutable(options);
        return options.ConfigurationName is { } configuration
            ? command with { Arguments = [.. command.Arguments, "-ConfigurationName", configuration] }
            : command;
    }

    private static ServerCommand ResolveExecutable(ProcessTransportOptions options)
    {
        if (options.FileName is { } explicitName)
        {
            return ForPath(explicitName, options.Arguments.Count > 0 ? options.Arguments : null, "the configured server command");
        }

        if (FindOnPath(OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh") is { } pwsh)
        {
            return new ServerCommand(pwsh, ServerArguments, $"pwsh at {pwsh}");
        }

        var tried = new List<string> { "pwsh on PATH" };
        if (System.Environment.GetEnvironmentVariable(LocalServerVariable) is { Length: > 0 } configured)
        {
            if (File.Exists(configured))
            {
                return ForPath(configured, null, $"{LocalServerVariable}={configured}");
            }

            tried.Add($"{LocalServerVariable}={configured} (no such file)");
        }

        foreach (var dir in new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "localserver") })
        {
            var dll = Path.Combine(dir, "Psrp.LocalServer.dll");
            if (File.Exists(dll))
            {
                return ForPath(dll, null, $"the bundled local endpoint at {dll}");
            }

            tried.Add(dll);
        }

        throw new FileNotFoundException(
            $"No PowerShell server to start. Tried: {string.Join("; ", tried)}. Install pwsh, set {LocalServerVariable} to Psrp.LocalServer.dll, or configure the command.");
    }

    private static ServerCommand ForPath(string path, IReadOnlyList<string>? arguments, string description)
    {
        // A framework-dependent .dll runs under the dotnet host that runs us.
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var dotnet = System.Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
                ? self
                : FindOnPath(OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet") ?? "dotnet";
            return new ServerCommand(dotnet, [path, .. arguments ?? ServerArguments], description);
        }

        return new ServerCommand(path, arguments ?? ServerArguments, description);
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{FileName} {string.Join(' ', Arguments)}";
}
