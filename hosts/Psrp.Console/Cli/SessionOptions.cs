using System.CommandLine;
using System.Globalization;
using Psrp.Transport;

namespace Psrp.Cli.Cli;

/// <summary>
/// The Enter-PSSession parameters as System.CommandLine options (canonical kebab-case names; the
/// PowerShell spellings reach them through <see cref="ArgumentNormalizer"/>) plus the target URI
/// argument, and their binding to core's <see cref="SessionParameters"/>.
/// </summary>
internal sealed class SessionOptions
{
    public Argument<string?> Target { get; } = new("target")
    {
        Description = "A target URI (process:, ssh://user@host:22, https://host:5986/wsman, vm://name, container://id, or a plugin's scheme). None: a local session.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string?> ComputerName { get; } = new("--computer-name") { Description = "-ComputerName (alias -Cn): WSMan computer name." };

    public Option<string?> HostName { get; } = new("--host-name") { Description = "-HostName: [user@]host[:port] for SSH." };

    public Option<string?> ConnectionUri { get; } = new("--connection-uri") { Description = "-ConnectionUri (aliases -URI, -CU): http(s)://host:port/wsman." };

    public Option<string?> VMId { get; } = new("--vm-id") { Description = "-VMId (alias -VMGuid): Hyper-V VM id." };

    public Option<string?> VMName { get; } = new("--vm-name") { Description = "-VMName: Hyper-V VM name." };

    public Option<string?> ContainerId { get; } = new("--container-id") { Description = "-ContainerId: container id or name." };

    public Option<string?> Credential { get; } = new("--credential") { Description = "-Credential: a user name; the password is asked without echo (or read from PSRP_PASSWORD)." };

    public Option<string?> UserName { get; } = new("--user-name") { Description = "-UserName (SSH)." };

    public Option<string?> KeyFilePath { get; } = new("--key-file-path") { Description = "-KeyFilePath (alias -IdentityFilePath): SSH private key." };

    public Option<string?> Port { get; } = new("--port") { Description = "-Port (WSMan, SSH)." };

    public Option<bool> UseSsl { get; } = new("--use-ssl") { Description = "-UseSSL: WSMan over HTTPS." };

    public Option<string?> ApplicationName { get; } = new("--application-name") { Description = "-ApplicationName (WSMan, default wsman)." };

    public Option<bool> AllowRedirection { get; } = new("--allow-redirection") { Description = "-AllowRedirection (WSMan URI)." };

    public Option<string?> Authentication { get; } = new("--authentication") { Description = "-Authentication: Default, Basic, Negotiate, NegotiateWithImplicitCredential, Credssp, Digest, Kerberos." };

    public Option<string?> CertificateThumbprint { get; } = new("--certificate-thumbprint") { Description = "-CertificateThumbprint (WSMan)." };

    public Option<string?> ConfigurationName { get; } = new("--configuration-name") { Description = "-ConfigurationName: the session configuration." };

    public Option<string[]> SessionOption { get; } = new("--session-option") { Description = "-SessionOption: key=value, repeatable, or @{Key=Value; ...} (WSMan).", Arity = ArgumentArity.OneOrMore };

    public Option<string[]> Options { get; } = new("--options") { Description = "-Options: OpenSSH options, key=value, repeatable, or @{Port=22; User='a'}.", Arity = ArgumentArity.OneOrMore };

    public Option<string?> Subsystem { get; } = new("--subsystem") { Description = "-Subsystem (SSH, default powershell)." };

    public Option<string?> ConnectingTimeout { get; } = new("--connecting-timeout") { Description = "-ConnectingTimeout in milliseconds (SSH)." };

    public Option<bool> SshTransport { get; } = new("--ssh-transport") { Description = "-SSHTransport: -ComputerName names an SSH host." };

    public Option<bool> RunAsAdministrator { get; } = new("--run-as-administrator") { Description = "-RunAsAdministrator (container)." };

    public Option<bool> EnableNetworkAccess { get; } = new("--enable-network-access") { Description = "-EnableNetworkAccess (accepted; no effect off Windows)." };

    public Option<string?> Provider { get; } = new("--provider") { Description = "Use this transport provider by name instead of choosing by scheme." };

    public Option<string?> Session { get; } = new("--session") { Hidden = true };

    public Option<string?> Id { get; } = new("--id") { Hidden = true };

    public Option<string?> Name { get; } = new("--name") { Hidden = true };

    public Option<string?> InstanceId { get; } = new("--instance-id") { Hidden = true };

    /// <summary>Adds the argument and every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Target);
        foreach (var option in AllOptions())
        {
            command.Options.Add(option);
        }
    }

    private IEnumerable<Option> AllOptions() =>
    [
        ComputerName, HostName, ConnectionUri, VMId, VMName, ContainerId, Credential, UserName, KeyFilePath, Port,
        UseSsl, ApplicationName, AllowRedirection, Authentication, CertificateThumbprint, ConfigurationName,
        SessionOption, Options, Subsystem, ConnectingTimeout, SshTransport, RunAsAdministrator, EnableNetworkAccess,
        Provider, Session, Id, Name, InstanceId,
    ];

    /// <summary>
    /// Builds the session parameters (not yet validated against their parameter set: core's
    /// <see cref="SessionParameters.Resolve"/> does that). <paramref name="password"/> is the
    /// password of <c>-Credential</c>'s user (see <see cref="CredentialUser"/>).
    /// </summary>
    public SessionParameters Bind(ParseResult result, string? password)
    {
        foreach (var (option, name) in new[] { (Session, "Session"), (Id, "Id"), (Name, "Name"), (InstanceId, "InstanceId") })
        {
            if (result.GetValue(option) is not null)
            {
                throw new UsageException($"-{name} selects an existing session of a PowerShell process; psrp has none. Connect with a target, -HostName, -ComputerName, -ConnectionUri, -VMId, -VMName or -ContainerId.");
            }
        }

        if (result.GetValue(Target) is { } target && target.StartsWith('-'))
        {
            // System.CommandLine hands an unknown option to the optional target argument; no target starts with a dash.
            throw new UsageException($"Unknown parameter '{target}'. Run 'psrp {result.CommandResult.Command.Name} --help' for the parameters.");
        }

        var credentialUser = result.GetValue(Credential);
        return new SessionParameters
        {
            Target = result.GetValue(Target),
            Provider = result.GetValue(Provider),
            ComputerName = result.GetValue(ComputerName),
            ConnectionUri = ParseUri(result.GetValue(ConnectionUri)),
            HostName = result.GetValue(HostName),
            VMId = ParseGuid(result.GetValue(VMId)),
            VMName = result.GetValue(VMName),
            ContainerId = result.GetValue(ContainerId),
            Credential = credentialUser is null ? null : new PsrpCredential(credentialUser, password ?? string.Empty),
            UserName = result.GetValue(UserName),
            KeyFilePath = result.GetValue(KeyFilePath),
            Port = ParseInt(result.GetValue(Port), "Port"),
            UseSsl = result.GetValue(UseSsl),
            ApplicationName = result.GetValue(ApplicationName),
            AllowRedirection = result.GetValue(AllowRedirection),
            Authentication = ParseAuthentication(result.GetValue(Authentication)),
            CertificateThumbprint = result.GetValue(CertificateThumbprint),
            ConfigurationName = result.GetValue(ConfigurationName),
            SessionOption = HashtableText.Parse(result.GetValue(SessionOption), "SessionOption"),
            Options = HashtableText.Parse(result.GetValue(Options), "Options"),
            Subsystem = result.GetValue(Subsystem),
            ConnectingTimeout = ParseInt(result.GetValue(ConnectingTimeout), "ConnectingTimeout"),
            SshTransport = result.GetValue(SshTransport),
            RunAsAdministrator = result.GetValue(RunAsAdministrator),
            EnableNetworkAccess = result.GetValue(EnableNetworkAccess),
        };
    }

    /// <summary>The user name given with -Credential, or null.</summary>
    public string? CredentialUser(ParseResult result) =>
        result.GetValue(Credential) is { } user && string.IsNullOrWhiteSpace(user)
            ? throw new UsageException("-Credential needs a user name.")
            : result.GetValue(Credential);

    private static Uri? ParseUri(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri
        : throw new UsageException($"-ConnectionUri '{text}' is not an absolute URI (http://host:5985/wsman).");

    private static Guid? ParseGuid(string? text) =>
        text is null ? null
        : Guid.TryParse(text, out var guid) ? guid
        : throw new UsageException($"-VMId '{text}' is not a GUID.");

    private static int? ParseInt(string? text, string name) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new UsageException($"-{name} '{text}' is not a number.");

    private static AuthenticationMechanism? ParseAuthentication(string? text) =>
        text is null ? null
        : Enum.TryParse<AuthenticationMechanism>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : throw new UsageException($"-Authentication '{text}' is not one of: {string.Join(", ", Enum.GetNames<AuthenticationMechanism>())}.");
}
