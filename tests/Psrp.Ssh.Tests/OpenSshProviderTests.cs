using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Psrp.Client;
using Psrp.Providers.OpenSsh;
using Psrp.Ssh.Tests.Fixtures;
using Psrp.Transport;

namespace Psrp.Ssh.Tests;

/// <summary>The openssh provider: the system ssh client with PowerShell's command line, against the same sshd.</summary>
[Collection(SshdCollection.Name)]
public class OpenSshProviderTests(SshdFixture sshd)
{
    private SessionParameters Parameters(string knownHosts, IDictionary<string, string>? extra = null)
    {
        // Everything through -Options, as a user would: no prompts, only our known_hosts, only our key.
        var options = new Dictionary<string, string>
        {
            ["UserKnownHostsFile"] = knownHosts,
            ["GlobalKnownHostsFile"] = "/dev/null",
            ["StrictHostKeyChecking"] = "yes",
            ["BatchMode"] = "yes",
            ["IdentitiesOnly"] = "yes",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            options[key] = value;
        }

        return new SessionParameters
        {
            HostName = $"{SshdFixture.KeyUser}@127.0.0.1:{sshd.Server.Port}",
            KeyFilePath = sshd.Ed25519Key,
            Options = options,
        };
    }

    [Fact]
    public async Task SystemSsh_RunsAPipeline()
    {
        var transport = await new OpenSshTransportProvider().ConnectAsync(SshdFixture.Request(Parameters(sshd.KnownHosts)), default);
        Assert.Equal("openssh", transport.Capabilities.Name);
        await using var pool = await RunspacePool.OpenAsync(transport);
        Assert.Equal(3, (await pool.InvokeScriptAsync("1 + 2")).Single()!.BaseValue);
        Assert.Equal(SshdFixture.KeyUser, (await pool.InvokeScriptAsync("[Environment]::UserName")).Single()!.BaseValue);
    }

    [Fact]
    public async Task SystemSsh_ExecMode()
    {
        var parameters = Parameters(sshd.KnownHosts, new Dictionary<string, string> { ["RemoteCommand"] = sshd.ServerScript });
        var transport = await new OpenSshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        await using var pool = await RunspacePool.OpenAsync(transport);
        Assert.Equal(42, (await pool.InvokeScriptAsync("6 * 7")).Single()!.BaseValue);
    }

    [Fact]
    public async Task UnknownHostKey_FailsWithSshsOwnExplanation()
    {
        var empty = Path.Combine(sshd.Root, $"empty-{Guid.NewGuid():N}");
        var transport = await new OpenSshTransportProvider().ConnectAsync(SshdFixture.Request(Parameters(empty)), default);
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => RunspacePool.OpenAsync(transport));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Equal("openssh", ex.TransportName);
        Assert.Contains("Host key verification failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code 255", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSubsystem_FailsWithSshsOwnExplanation()
    {
        var parameters = Parameters(sshd.KnownHosts) with { Subsystem = "no-such-subsystem" };
        var transport = await new OpenSshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => RunspacePool.OpenAsync(transport));
        Assert.Contains("subsystem request failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentServer_HitsTheConnectingTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync();
        var parameters = Parameters(sshd.KnownHosts) with { HostName = $"root@127.0.0.1:{port}", ConnectingTimeout = 1500 };

        var transport = await new OpenSshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(() => RunspacePool.OpenAsync(transport));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("connecting timeout of 1500 ms", ex.Message, StringComparison.Ordinal);
        (await accept).Dispose();
    }

    [Fact]
    public async Task MissingSshBinary_IsAConnectError()
    {
        var parameters = Parameters(sshd.KnownHosts) with
        {
            ProviderSettings = new Dictionary<string, string> { [OpenSshCommandLine.SshPathSetting] = "/no/such/ssh" },
        };
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new OpenSshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.Contains("/no/such/ssh", ex.Message, StringComparison.Ordinal);
    }
}
