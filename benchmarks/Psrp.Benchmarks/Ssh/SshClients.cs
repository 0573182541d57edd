using System.Collections;
using System.Management.Automation.Runspaces;
using Psrp.Benchmarks.EndToEnd;
using Psrp.Providers.OpenSsh;
using Psrp.Providers.Ssh;
using Psrp.Transport;
using RunspacePool = Psrp.Client.RunspacePool;

namespace Psrp.Benchmarks.Ssh;

/// <summary>
/// The three clients the SSH benchmark compares, all signing in to the same <see cref="PrivateSshd"/> with the same
/// key, known_hosts and options, and all asking for its <c>powershell</c> subsystem:
/// <list type="bullet">
/// <item><c>ours-ssh</c>: our <see cref="RunspacePool"/> over the in-process SSH.NET provider (<see cref="SshTransportProvider"/>);</item>
/// <item><c>ours-openssh</c>: our pool over the system ssh binary (<see cref="OpenSshTransportProvider"/>, <c>ssh … -s host powershell</c>);</item>
/// <item><c>PowerShell</c>: System.Management.Automation 7.6.9's own client, <see cref="RunspaceFactory.CreateRunspace(RunspaceConnectionInfo)"/>
/// on an <see cref="SSHConnectionInfo"/>, which runs the same system ssh binary with the same arguments.</item>
/// </list>
/// </summary>
public static class SshClients
{
    /// <summary>Subsystem every client requests.</summary>
    public const string Subsystem = "powershell";

    /// <summary>Name of our in-process client in the table.</summary>
    public const string OursInProcess = "ours-ssh";

    /// <summary>Name of our client over the ssh binary in the table.</summary>
    public const string OursOpenSsh = "ours-openssh";

    /// <summary>Name of PowerShell's client in the table.</summary>
    public const string PowerShell = "PowerShell";

    /// <summary>Connecting timeout for every client (PowerShell's is in milliseconds).</summary>
    private const int ConnectingTimeoutMs = 60_000;

    /// <summary>The three clients against <paramref name="sshd"/>, ours first.</summary>
    public static IReadOnlyList<E2eClient> Against(PrivateSshd sshd) =>
    [
        new(OursInProcess, ct => OpenOursAsync(new SshTransportProvider(), sshd, ct)),
        new(OursOpenSsh, ct => OpenOursAsync(new OpenSshTransportProvider(), sshd, ct)),
        new(PowerShell, ct => OpenPowerShellAsync(sshd, ct)),
    ];

    /// <summary>The Enter-PSSession-style parameters both our providers get: <c>-HostName user@127.0.0.1:port -KeyFilePath … -Options …</c>.</summary>
    public static SessionParameters Parameters(PrivateSshd sshd) => new()
    {
        HostName = $"{PrivateSshd.UserName}@127.0.0.1:{sshd.Port}",
        KeyFilePath = sshd.KeyFile,
        Subsystem = Subsystem,
        ConnectingTimeout = ConnectingTimeoutMs,
        Options = sshd.ClientOptions,
    };

    private static Task<IE2eSession> OpenOursAsync(ITransportProvider provider, PrivateSshd sshd, CancellationToken cancellationToken) =>
        OpenOursAsync(provider, sshd, TransportOptions.Default, cancellationToken);

    /// <summary>Our pool through <paramref name="provider"/> to <paramref name="sshd"/>'s powershell subsystem, with wire tuning (the sweep).</summary>
    internal static async Task<IE2eSession> OpenOursAsync(ITransportProvider provider, PrivateSshd sshd, TransportOptions options, CancellationToken cancellationToken)
    {
        var parameters = Parameters(sshd);
        var request = new TransportConnectRequest(parameters.Resolve().Target, parameters) { Options = options };
        var transport = await provider.ConnectAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var pool = await RunspacePool.OpenAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new OurSession(pool);
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// PowerShell's documented SDK call for SSH remoting: <c>new SSHConnectionInfo(user, host, keyFilePath, port, subsystem,
    /// connectingTimeout, options)</c>; each option becomes <c>-o key=value</c> on ssh's command line
    /// (<c>SSHConnectionInfo.StartSSHProcess</c>), so it checks the host key against the benchmark's known_hosts and never prompts.
    /// </summary>
    private static Task<IE2eSession> OpenPowerShellAsync(PrivateSshd sshd, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = new Hashtable();
        foreach (var (name, value) in sshd.ClientOptions)
        {
            options[name] = value;
        }

        var connection = new SSHConnectionInfo(PrivateSshd.UserName, "127.0.0.1", sshd.KeyFile, sshd.Port, Subsystem, ConnectingTimeoutMs, options);
        var runspace = RunspaceFactory.CreateRunspace(connection);
        try
        {
            runspace.Open();
            return Task.FromResult<IE2eSession>(new PowerShellSession(runspace));
        }
        catch
        {
            runspace.Dispose();
            throw;
        }
    }
}
