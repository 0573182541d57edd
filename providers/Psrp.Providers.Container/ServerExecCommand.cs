namespace Psrp.Providers.Container;

/// <summary>What the exec runs inside the container, and as whom.</summary>
/// <param name="Command">The command line, each element one argument (no shell in between).</param>
/// <param name="User">The exec user; empty means the container's default user.</param>
/// <param name="Marker">
/// An environment entry (<c>PSRP_EXEC_MARKER=&lt;guid&gt;</c>) set on the exec only. The engine reports
/// the exec's process id in the host's pid namespace, useless inside the container, so this marker
/// is how a later exec finds the server (and the children that inherit it) to kill it.
/// </param>
internal sealed record ServerExecCommand(IReadOnlyList<string> Command, string User, string Marker)
{
    /// <summary>The name of the marker variable.</summary>
    public const string MarkerVariable = "PSRP_EXEC_MARKER";

    /// <summary>
    /// Linux containers' administrator, root, by uid: the engine resolves user names in the
    /// image's own /etc/passwd, which minimal images lack (and a bind-mounted /etc does not count).
    /// </summary>
    public const string LinuxAdministrator = "0";

    /// <summary>Windows containers' administrator (the account PowerShell Direct runs as without a restricted token).</summary>
    public const string WindowsAdministrator = "ContainerAdministrator";

    /// <summary>Builds the command for <paramref name="options"/> in a container of <paramref name="platform"/> (<c>linux</c>, <c>windows</c>).</summary>
    public static ServerExecCommand Create(ContainerTransportOptions options, string platform)
    {
        ArgumentNullException.ThrowIfNull(options);
        var command = new List<string> { options.ServerExecutable };
        command.AddRange(options.ServerArguments);
        if (options.ConfigurationName is { Length: > 0 } configuration)
        {
            command.Add("-ConfigurationName");
            command.Add(configuration);
        }

        var user = options.User
            ?? (options.RunAsAdministrator ? AdministratorFor(platform) : string.Empty);
        return new ServerExecCommand(command, user, $"{MarkerVariable}={Guid.NewGuid():N}");
    }

    /// <summary>The administrator account of a container of <paramref name="platform"/>.</summary>
    public static string AdministratorFor(string? platform) =>
        string.Equals(platform, "windows", StringComparison.OrdinalIgnoreCase) ? WindowsAdministrator : LinuxAdministrator;

    /// <inheritdoc />
    public override string ToString() =>
        $"{string.Join(' ', Command)} as {(User.Length == 0 ? "the container's default user" : User)}";
}
