using System.Globalization;
using Psrp.Transport;

namespace Psrp.Providers.OpenSsh;

/// <summary>
/// The ssh command line PowerShell builds for <c>-HostName</c> (psrp-facts §7, PowerShell's
/// <c>SSHConnectionInfo.StartSSHProcess</c>): <c>[-i key] [-l user] [-p port] [-o key=value …] -s host subsystem</c>,
/// each element its own argument.
/// </summary>
/// <param name="FileName">The ssh executable.</param>
/// <param name="Arguments">The arguments, in order.</param>
public sealed record OpenSshCommandLine(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The subsystem PowerShell requests by default.</summary>
    public const string DefaultSubsystem = "powershell";

    /// <summary>The <c>ProviderSettings</c> key naming the ssh executable (default: <c>ssh</c> on PATH).</summary>
    public const string SshPathSetting = "SshPath";

    /// <summary>
    /// Builds the command line for <paramref name="request"/>. As PowerShell does: <c>DOMAIN\user</c>
    /// becomes <c>user@DOMAIN</c>, IPv6 brackets are stripped, <c>-p</c> is only given for an explicit
    /// port, every <c>-Options</c> entry becomes <c>-o key=value</c>. One addition: with a
    /// <c>RemoteCommand</c> option the command line ends with the host alone, so ssh runs that
    /// command (an exec channel) instead of a subsystem.
    /// </summary>
    public static OpenSshCommandLine Build(TransportConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Parameters;
        var target = request.Target;
        var host = target.Host?.Trim('[', ']')
            ?? throw new SessionParameterException("The openssh provider needs a host: -HostName [user@]host[:port].");
        if (!string.IsNullOrEmpty(p.Credential?.Password))
        {
            throw new SessionParameterException(
                "The openssh provider leaves authentication to ssh (keys, agent, ssh_config, its own prompts) and cannot hand it -Credential's password; " +
                "use keys, or the ssh provider, which signs in with -Credential.");
        }

        var arguments = new List<string>();
        if (p.KeyFilePath is { } key)
        {
            var full = Path.GetFullPath(key.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), key[1..])
                : key);
            if (!File.Exists(full))
            {
                throw new SessionParameterException($"-KeyFilePath: the key file '{full}' does not exist.");
            }

            arguments.AddRange(["-i", full]);
        }

        if ((target.UserName ?? p.Credential?.UserName) is { } user)
        {
            arguments.AddRange(["-l", SshUserName(user)]);
        }

        if (target.Port is { } port && port != 0)
        {
            arguments.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        string? remoteCommand = null;
        foreach (var (name, value) in p.Options ?? new Dictionary<string, string>())
        {
            arguments.AddRange(["-o", $"{name}={value}"]);
            if (name.Equals("RemoteCommand", StringComparison.OrdinalIgnoreCase))
            {
                remoteCommand = value;
            }
        }

        if (remoteCommand is not null)
        {
            if (p.Subsystem is not null)
            {
                throw new SessionParameterException("-Subsystem and the RemoteCommand option both say what to run on the server; give one of them.");
            }

            arguments.Add(host);
        }
        else
        {
            arguments.AddRange(["-s", host, p.Subsystem ?? DefaultSubsystem]);
        }

        var fileName = p.ProviderSettings?.GetValueOrDefault(SshPathSetting) ?? (OperatingSystem.IsWindows() ? "ssh.exe" : "ssh");
        return new OpenSshCommandLine(fileName, arguments);
    }

    /// <summary>PowerShell rewrites <c>DOMAIN\user</c> as <c>user@DOMAIN</c> for ssh's <c>-l</c>.</summary>
    public static string SshUserName(string user)
    {
        var backslash = user.IndexOf('\\', StringComparison.Ordinal);
        return backslash > 0 ? $"{user[(backslash + 1)..]}@{user[..backslash]}" : user;
    }

    /// <inheritdoc />
    public override string ToString() => $"{FileName} {string.Join(' ', Arguments)}";
}
