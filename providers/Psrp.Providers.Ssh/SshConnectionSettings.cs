namespace Psrp.Providers.Ssh;

/// <summary>
/// Everything needed to open an SSH connection in-process: where, as whom, with which keys or
/// password, and how to check the server's host key. Build it directly, or let
/// <see cref="SshSessionParameters"/> map Enter-PSSession's parameters and OpenSSH <c>-Options</c> onto it.
/// </summary>
/// <remarks>
/// <see cref="Password"/> and <see cref="KeyPassphrase"/> are secrets: they are never logged,
/// never put in exception messages and never shown by <see cref="ToString"/>.
/// </remarks>
public sealed record SshConnectionSettings
{
    /// <summary>The SSH port used when none is given.</summary>
    public const int DefaultPort = 22;

    /// <summary>Host name or address to connect to (an IPv6 literal without brackets).</summary>
    public required string Host { get; init; }

    /// <summary>TCP port (default 22).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The user to sign in as (<c>DOMAIN\user</c> is sent as <c>user@DOMAIN</c>, as PowerShell passes it to ssh).</summary>
    public required string UserName { get; init; }

    /// <summary>The name to look the host key up under in known_hosts, instead of <see cref="Host"/> (OpenSSH <c>HostKeyAlias</c>).</summary>
    public string? HostKeyAlias { get; init; }

    /// <summary>
    /// Private key files to try, in order: OpenSSH (<c>-----BEGIN OPENSSH PRIVATE KEY-----</c>), PEM
    /// (PKCS#1/PKCS#8, RSA/ECDSA) or PuTTY; encrypted ones need <see cref="KeyPassphrase"/>. When empty
    /// and <see cref="UseDefaultIdentityFiles"/> is set, OpenSSH's defaults in <c>~/.ssh</c> that exist are tried.
    /// </summary>
    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>Try <c>~/.ssh/id_ed25519</c>, <c>id_ecdsa</c>, <c>id_rsa</c> when no identity file is given (as OpenSSH does).</summary>
    public bool UseDefaultIdentityFiles { get; init; } = true;

    /// <summary>The passphrase of encrypted identity files. Secret.</summary>
    public string? KeyPassphrase { get; init; }

    /// <summary>The password for password and keyboard-interactive authentication. Secret.</summary>
    public string? Password { get; init; }

    /// <summary>Whether to offer public keys (OpenSSH <c>PubkeyAuthentication</c>).</summary>
    public bool PubkeyAuthentication { get; init; } = true;

    /// <summary>Whether to send the password with the <c>password</c> method (OpenSSH <c>PasswordAuthentication</c>).</summary>
    public bool PasswordAuthentication { get; init; } = true;

    /// <summary>Whether to answer <c>keyboard-interactive</c> prompts with the password (OpenSSH <c>KbdInteractiveAuthentication</c>).</summary>
    public bool KeyboardInteractiveAuthentication { get; init; } = true;

    /// <summary>
    /// Authentication methods in order of preference (OpenSSH <c>PreferredAuthentications</c>; names
    /// <c>publickey</c>, <c>keyboard-interactive</c>, <c>password</c>). Default: that order.
    /// </summary>
    public IReadOnlyList<string> PreferredAuthentications { get; init; } = DefaultPreferredAuthentications;

    /// <summary>The default order of <see cref="PreferredAuthentications"/> (OpenSSH's, without GSSAPI and host-based).</summary>
    public static IReadOnlyList<string> DefaultPreferredAuthentications { get; } = ["publickey", "keyboard-interactive", "password"];

    /// <summary>
    /// The user's known_hosts files: all are read, the first is where <see cref="StrictHostKeyChecking.AcceptNew"/>
    /// adds keys. Default <c>~/.ssh/known_hosts</c> and <c>~/.ssh/known_hosts2</c>; empty means none
    /// (OpenSSH <c>UserKnownHostsFile none</c>).
    /// </summary>
    public IReadOnlyList<string> UserKnownHostsFiles { get; init; } = DefaultUserKnownHostsFiles;

    /// <summary>System-wide known_hosts files, read only. Default <c>/etc/ssh/ssh_known_hosts</c> and <c>…2</c> (Windows: <c>%ProgramData%\ssh\ssh_known_hosts</c>).</summary>
    public IReadOnlyList<string> GlobalKnownHostsFiles { get; init; } = DefaultGlobalKnownHostsFiles;

    /// <summary>Host-key policy; default <see cref="Ssh.StrictHostKeyChecking.Yes"/> (secure by default).</summary>
    public StrictHostKeyChecking StrictHostKeyChecking { get; init; } = StrictHostKeyChecking.Yes;

    /// <summary>Write added known_hosts entries with hashed host names (OpenSSH <c>HashKnownHosts</c>; default plain).</summary>
    public bool HashKnownHosts { get; init; }

    /// <summary>
    /// How long each step may take: the TCP connect, and each wait for the server (key exchange,
    /// authentication replies, channel confirmations). OpenSSH <c>ConnectTimeout</c>; default 30 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The deadline for the whole connection — TCP, key exchange, authentication and opening the
    /// channel (Enter-PSSession's <c>-ConnectingTimeout</c>). Null: no overall deadline beyond
    /// <see cref="ConnectTimeout"/> per step.
    /// </summary>
    public TimeSpan? ConnectingTimeout { get; init; }

    /// <summary>Send a keep-alive after this much silence (OpenSSH <c>ServerAliveInterval</c>); null or zero: never.</summary>
    public TimeSpan? ServerAliveInterval { get; init; }

    /// <summary>The user known_hosts files OpenSSH reads by default.</summary>
    public static IReadOnlyList<string> DefaultUserKnownHostsFiles { get; } = ["~/.ssh/known_hosts", "~/.ssh/known_hosts2"];

    /// <summary>The global known_hosts files OpenSSH reads by default.</summary>
    public static IReadOnlyList<string> DefaultGlobalKnownHostsFiles { get; } = OperatingSystem.IsWindows()
        ? [Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "ssh", "ssh_known_hosts")]
        : ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"];

    /// <summary>The default identity files OpenSSH tries, in its order (those we can load).</summary>
    public static IReadOnlyList<string> DefaultIdentityFiles { get; } = ["~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ed25519"];

    /// <summary>The user name as sent to the server: <c>DOMAIN\user</c> becomes <c>user@DOMAIN</c>.</summary>
    public string WireUserName
    {
        get
        {
            var backslash = UserName.IndexOf('\\', StringComparison.Ordinal);
            return backslash > 0 ? $"{UserName[(backslash + 1)..]}@{UserName[..backslash]}" : UserName;
        }
    }

    /// <summary>The host as known_hosts names it: <c>host</c> on port 22, else <c>[host]:port</c> (or the alias).</summary>
    public string KnownHostsName => KnownHosts.KnownHostsFile.HostKeyName(HostKeyAlias ?? Host, HostKeyAlias is null ? Port : DefaultPort);

    /// <summary>Shows where and as whom, never the password or passphrase.</summary>
    public override string ToString() =>
        $"SshConnectionSettings {{ {WireUserName}@{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}, " +
        $"IdentityFiles = [{string.Join(", ", IdentityFiles)}], Password = {(Password is null ? "none" : "set")}, " +
        $"StrictHostKeyChecking = {StrictHostKeyChecking} }}";

    internal static string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..]);
        }

        return path;
    }
}
