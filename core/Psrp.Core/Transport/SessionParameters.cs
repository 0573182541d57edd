using System.Globalization;

namespace Psrp.Transport;

/// <summary>
/// Every parameter of the seed's Enter-PSSession parameter sets, as a user gives them, plus a
/// target URI and an explicit provider name. <see cref="Resolve"/> checks them the way PowerShell's
/// parameter binder would — one set, only that set's parameters, mandatory ones present — and
/// yields the target to connect to.
/// </summary>
public sealed record SessionParameters
{
    /// <summary>A target URI (<c>ssh://…</c>, <c>https://…/wsman</c>, <c>vm://…</c>, <c>container://…</c>, <c>process:</c>, or a plugin's scheme).</summary>
    public string? Target { get; init; }

    /// <summary>An explicit provider name, overriding selection by scheme.</summary>
    public string? Provider { get; init; }

    /// <summary><c>-ComputerName</c> (WSMan).</summary>
    public string? ComputerName { get; init; }

    /// <summary><c>-ConnectionUri</c> (WSMan).</summary>
    public Uri? ConnectionUri { get; init; }

    /// <summary><c>-HostName</c>: <c>[user@]host[:port]</c> (SSH).</summary>
    public string? HostName { get; init; }

    /// <summary><c>-VMId</c>.</summary>
    public Guid? VMId { get; init; }

    /// <summary><c>-VMName</c>.</summary>
    public string? VMName { get; init; }

    /// <summary><c>-ContainerId</c>.</summary>
    public string? ContainerId { get; init; }

    /// <summary><c>-Credential</c>.</summary>
    public PsrpCredential? Credential { get; init; }

    /// <summary><c>-UserName</c> (SSH).</summary>
    public string? UserName { get; init; }

    /// <summary><c>-KeyFilePath</c> / <c>-IdentityFilePath</c> (SSH).</summary>
    public string? KeyFilePath { get; init; }

    /// <summary><c>-Port</c> (WSMan and SSH).</summary>
    public int? Port { get; init; }

    /// <summary><c>-UseSSL</c> (WSMan).</summary>
    public bool UseSsl { get; init; }

    /// <summary><c>-ApplicationName</c> (WSMan; default <c>wsman</c>).</summary>
    public string? ApplicationName { get; init; }

    /// <summary><c>-AllowRedirection</c> (WSMan URI).</summary>
    public bool AllowRedirection { get; init; }

    /// <summary><c>-Authentication</c> (WSMan).</summary>
    public AuthenticationMechanism? Authentication { get; init; }

    /// <summary><c>-CertificateThumbprint</c> (WSMan).</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary><c>-ConfigurationName</c>.</summary>
    public string? ConfigurationName { get; init; }

    /// <summary><c>-SessionOption</c> entries (WSMan; e.g. OperationTimeout, SkipCACheck).</summary>
    public IReadOnlyDictionary<string, string>? SessionOption { get; init; }

    /// <summary><c>-Options</c>: OpenSSH options (SSH).</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }

    /// <summary><c>-Subsystem</c> (SSH; default <c>powershell</c>).</summary>
    public string? Subsystem { get; init; }

    /// <summary><c>-ConnectingTimeout</c> in milliseconds (SSH).</summary>
    public int? ConnectingTimeout { get; init; }

    /// <summary><c>-SSHTransport</c>: use SSH; with it, <c>-ComputerName</c> names an SSH host.</summary>
    public bool SshTransport { get; init; }

    /// <summary><c>-RunAsAdministrator</c> (container).</summary>
    public bool RunAsAdministrator { get; init; }

    /// <summary><c>-EnableNetworkAccess</c> (WSMan loopback; accepted, no effect off Windows).</summary>
    public bool EnableNetworkAccess { get; init; }

    /// <summary>Settings for a third-party provider, passed through untouched.</summary>
    public IReadOnlyDictionary<string, string>? ProviderSettings { get; init; }

    private static readonly Dictionary<SessionParameterSet, string[]> Allowed = new()
    {
        [SessionParameterSet.Local] = ["ConfigurationName"],
        [SessionParameterSet.ComputerName] = ["EnableNetworkAccess", "Credential", "ConfigurationName", "Port", "UseSSL", "ApplicationName", "SessionOption", "Authentication", "CertificateThumbprint"],
        [SessionParameterSet.Uri] = ["EnableNetworkAccess", "Credential", "ConfigurationName", "AllowRedirection", "SessionOption", "Authentication", "CertificateThumbprint"],
        [SessionParameterSet.SSHHost] = ["Options", "Port", "UserName", "KeyFilePath", "Subsystem", "ConnectingTimeout", "SSHTransport", "Credential"],
        [SessionParameterSet.VMId] = ["Credential", "ConfigurationName"],
        [SessionParameterSet.VMName] = ["Credential", "ConfigurationName"],
        [SessionParameterSet.ContainerId] = ["ConfigurationName", "RunAsAdministrator"],
    };

    /// <summary>The named parameters that were given (PowerShell's names), in a fixed order.</summary>
    public IReadOnlyList<string> GivenParameters()
    {
        var given = new List<string>();
        void Add(bool present, string name)
        {
            if (present)
            {
                given.Add(name);
            }
        }

        Add(Target is not null, "Target");
        Add(ComputerName is not null, "ComputerName");
        Add(ConnectionUri is not null, "ConnectionUri");
        Add(HostName is not null, "HostName");
        Add(VMId is not null, "VMId");
        Add(VMName is not null, "VMName");
        Add(ContainerId is not null, "ContainerId");
        Add(Credential is not null, "Credential");
        Add(UserName is not null, "UserName");
        Add(KeyFilePath is not null, "KeyFilePath");
        Add(Port is not null, "Port");
        Add(UseSsl, "UseSSL");
        Add(ApplicationName is not null, "ApplicationName");
        Add(AllowRedirection, "AllowRedirection");
        Add(Authentication is not null, "Authentication");
        Add(CertificateThumbprint is not null, "CertificateThumbprint");
        Add(ConfigurationName is not null, "ConfigurationName");
        Add(SessionOption is not null, "SessionOption");
        Add(Options is not null, "Options");
        Add(Subsystem is not null, "Subsystem");
        Add(ConnectingTimeout is not null, "ConnectingTimeout");
        Add(SshTransport, "SSHTransport");
        Add(RunAsAdministrator, "RunAsAdministrator");
        Add(EnableNetworkAccess, "EnableNetworkAccess");
        return given;
    }

    /// <summary>
    /// Finds the parameter set, checks every given parameter belongs to it and mandatory ones are
    /// present, and builds the target. Throws <see cref="SessionParameterException"/> naming the
    /// offending parameters, as PowerShell's binder would.
    /// </summary>
    public (SessionParameterSet Set, TransportTarget Target) Resolve()
    {
        // The parameters that pick a target, each with the set it selects; at most one may be given.
        (bool Given, string Name, SessionParameterSet Set)[] candidates =
        [
            (Target is not null, "Target", SessionParameterSet.Target),
            (ComputerName is not null, "ComputerName", SshTransport ? SessionParameterSet.SSHHost : SessionParameterSet.ComputerName),
            (ConnectionUri is not null, "ConnectionUri", SessionParameterSet.Uri),
            (HostName is not null, "HostName", SessionParameterSet.SSHHost),
            (VMId is not null, "VMId", SessionParameterSet.VMId),
            (VMName is not null, "VMName", SessionParameterSet.VMName),
            (ContainerId is not null, "ContainerId", SessionParameterSet.ContainerId),
        ];
        var selectors = candidates.Where(c => c.Given).Select(c => (c.Name, c.Set)).ToList();

        if (selectors.Count > 1)
        {
            throw new SessionParameterException(
                $"Parameter set cannot be resolved: {string.Join(", ", selectors.Select(s => "-" + s.Name))} select different targets; give only one.");
        }

        var set = selectors.Count == 0 ? (SshTransport ? SessionParameterSet.SSHHost : SessionParameterSet.Local) : selectors[0].Set;
        var selector = selectors.Count == 0 ? null : selectors[0].Name;
        if (set == SessionParameterSet.SSHHost && selectors.Count == 0)
        {
            throw new SessionParameterException("-SSHTransport needs -HostName (or -ComputerName) to name the SSH host.");
        }

        if (set != SessionParameterSet.Target)
        {
            var allowed = Allowed[set];
            var misplaced = GivenParameters()
                .Where(p => p != selector && !allowed.Contains(p, StringComparer.OrdinalIgnoreCase))
                .ToArray();
            if (misplaced.Length > 0)
            {
                var what = selector is null ? "a local session" : $"-{selector} (parameter set {set})";
                throw new SessionParameterException(
                    $"{string.Join(", ", misplaced.Select(p => "-" + p))} cannot be used with {what}. Allowed: {string.Join(", ", allowed.Select(a => "-" + a))}.");
            }
        }

        if (set is SessionParameterSet.VMId or SessionParameterSet.VMName && Credential is null)
        {
            throw new SessionParameterException($"-Credential is mandatory with -{selector}: PowerShell Direct signs in to the virtual machine's guest.");
        }

        if (Port is { } port && port is < 1 or > 65535)
        {
            throw new SessionParameterException($"-Port {port} is not a port number (1-65535).");
        }

        if (ConnectingTimeout is < 0)
        {
            throw new SessionParameterException("-ConnectingTimeout cannot be negative.");
        }

        return (set, BuildTarget(set));
    }

    private TransportTarget BuildTarget(SessionParameterSet set)
    {
        try
        {
            switch (set)
            {
                case SessionParameterSet.Local:
                    return TransportTarget.LocalProcess;
                case SessionParameterSet.Target:
                    return TransportTarget.Parse(Target!);
                case SessionParameterSet.ComputerName:
                    return new TransportTarget
                    {
                        Scheme = UseSsl ? "https" : "http",
                        Host = ComputerName!.Trim('[', ']'),
                        Port = Port ?? (UseSsl ? 5986 : 5985),
                        Path = "/" + (ApplicationName ?? "wsman").Trim('/'),
                    };
                case SessionParameterSet.Uri:
                    var uri = ConnectionUri!;
                    if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    {
                        throw new SessionParameterException($"-ConnectionUri must be an absolute http or https URI, not '{uri}'.");
                    }

                    // As PowerShell: a URI without a port gets the scheme's standard port, not 5985/5986.
                    return new TransportTarget
                    {
                        Scheme = uri.Scheme,
                        Host = uri.IdnHost,
                        Port = uri.Port,
                        Path = uri.AbsolutePath,
                        UserName = uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo) : null,
                    };
                case SessionParameterSet.SSHHost:
                    var ssh = TransportTarget.ParseSshHostName(HostName ?? ComputerName!);

                    // user@host:port inside -HostName wins over -UserName and -Port (the seed says so).
                    return ssh with { UserName = ssh.UserName ?? UserName, Port = ssh.Port ?? Port };
                case SessionParameterSet.VMId:
                    return new TransportTarget { Scheme = "vm", Host = VMId!.Value.ToString("D", CultureInfo.InvariantCulture) };
                case SessionParameterSet.VMName:
                    return new TransportTarget { Scheme = "vm", Host = VMName };
                case SessionParameterSet.ContainerId:
                    return new TransportTarget { Scheme = "container", Host = ContainerId };
                default:
                    throw new SessionParameterException($"Unknown parameter set {set}.");
            }
        }
        catch (FormatException ex)
        {
            throw new SessionParameterException(ex.Message);
        }
    }

    /// <summary>Never shows the password.</summary>
    public override string ToString() => $"SessionParameters {{ {string.Join(", ", GivenParameters())} }}";
}
