namespace Psrp.Providers.Ssh;

/// <summary>
/// What runs on the far end of a channel: a subsystem (<c>powershell</c> by default, the
/// <c>Subsystem powershell …</c> line of sshd_config), or a command for servers without that line
/// (e.g. <c>pwsh -sshs -NoLogo</c>, given as <c>-Options @{ RemoteCommand = '…' }</c>).
/// </summary>
public sealed record SshChannelTarget
{
    /// <summary>The subsystem PowerShell remoting uses by default.</summary>
    public const string DefaultSubsystem = "powershell";

    private SshChannelTarget(string? subsystem, string? command)
    {
        Subsystem = subsystem;
        Command = command;
    }

    /// <summary>The subsystem to request, or null for a command.</summary>
    public string? Subsystem { get; }

    /// <summary>The command to exec, or null for a subsystem.</summary>
    public string? Command { get; }

    /// <summary>The default: the <c>powershell</c> subsystem.</summary>
    public static SshChannelTarget PowerShellSubsystem { get; } = new(DefaultSubsystem, null);

    /// <summary>A subsystem channel.</summary>
    public static SshChannelTarget ForSubsystem(string subsystem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subsystem);
        return new SshChannelTarget(subsystem, null);
    }

    /// <summary>An exec channel running <paramref name="command"/> (the server's login shell interprets it).</summary>
    public static SshChannelTarget ForCommand(string command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return new SshChannelTarget(null, command);
    }

    /// <inheritdoc />
    public override string ToString() => Subsystem is not null ? $"subsystem '{Subsystem}'" : $"command '{Command}'";
}
