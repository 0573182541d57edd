using Psrp.Transport;

namespace Psrp.Providers.Ssh;

/// <summary>
/// Maps Enter-PSSession's SSH parameters onto <see cref="SshConnectionSettings"/> and a
/// <see cref="SshChannelTarget"/>, the way PowerShell maps them onto the ssh command line.
/// </summary>
/// <remarks>
/// Precedence, as with ssh's <c>-l</c>/<c>-p</c>/<c>-i</c> before <c>-o</c>: the host, user and port of
/// <c>-HostName user@host:port</c>, then <c>-UserName</c>/<c>-Port</c>, then <c>-Options</c>
/// (<c>User</c>, <c>Port</c>), then <c>-Credential</c>'s user name, then the local user name.
/// <c>-KeyFilePath</c> comes before an <c>IdentityFile</c> option; both are tried.
/// <c>-Credential</c>'s password serves password and keyboard-interactive authentication and is
/// also the passphrase of encrypted key files. <c>-Subsystem</c> names the subsystem (default
/// <c>powershell</c>); the <c>RemoteCommand</c> option runs a command instead (an exec channel).
/// <c>-ConnectingTimeout</c> (ms; 0 means none) bounds connecting, authenticating and opening the channel.
/// </remarks>
public static class SshSessionParameters
{
    /// <summary>Builds the settings and channel target for <paramref name="request"/>; throws <see cref="SessionParameterException"/> for invalid parameters.</summary>
    public static (SshConnectionSettings Settings, SshChannelTarget Target) Map(TransportConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Parameters;
        var options = OpenSshOptions.Parse(p.Options);
        var host = options.HostName ?? request.Target.Host
            ?? throw new SessionParameterException("The ssh provider needs a host: -HostName [user@]host[:port] or ssh://[user@]host[:port].");
        var password = string.IsNullOrEmpty(p.Credential?.Password) ? null : p.Credential.Password;
        var settings = options.ApplyTo(new SshConnectionSettings
        {
            Host = host,
            Port = request.Target.Port ?? options.Port ?? SshConnectionSettings.DefaultPort,
            UserName = request.Target.UserName ?? options.User ?? p.Credential?.UserName ?? Environment.UserName,
            IdentityFiles = new[] { p.KeyFilePath, options.IdentityFile }.OfType<string>().ToArray(),
            Password = password,
            KeyPassphrase = password,
            ConnectingTimeout = p.ConnectingTimeout is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : null,
        });

        if (options.RemoteCommand is { } command)
        {
            return p.Subsystem is null
                ? (settings, SshChannelTarget.ForCommand(command))
                : throw new SessionParameterException("-Subsystem and the RemoteCommand option both say what to run on the server; give one of them.");
        }

        return (settings, p.Subsystem is null ? SshChannelTarget.PowerShellSubsystem : SshChannelTarget.ForSubsystem(p.Subsystem));
    }
}
