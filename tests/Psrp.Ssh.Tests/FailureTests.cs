using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Psrp.Client;
using Psrp.Providers.Ssh;
using Psrp.Ssh.Tests.Fixtures;
using Psrp.Transport;

namespace Psrp.Ssh.Tests;

/// <summary>A dead, absent or silent server fails promptly with a transport error that says what happened.</summary>
[Collection(SshdCollection.Name)]
public class FailureTests(SshdFixture sshd)
{
    [Fact]
    public async Task SshdKilledMidPipeline_FailsEveryWaiterPromptly()
    {
        await using var server = await sshd.StartServerAsync();
        var parameters = sshd.Parameters(server) with { KeyFilePath = sshd.Ed25519Key };
        var transport = await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default);
        var options = new RunspacePoolOptions { Settings = new Runspaces.RunspacePoolSettings { MaxRunspaces = 2 } };
        await using var pool = await RunspacePool.OpenAsync(transport, options);
        var first = pool.CreatePipeline().AddScript("'go'; while ($true) {}");
        await using var items = first.InvokeAsync().GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        var second = pool.InvokeScriptAsync("while ($true) {}");

        var clock = Stopwatch.StartNew();
        server.Kill();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () => await items.MoveNextAsync());
        Assert.Equal("ssh", ex.TransportName);
        Assert.Equal(TransportPhase.Receive, ex.Phase);
        Assert.Contains("SSH connection", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PsrpTransportException>(() => second);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"waiters learned of the dead server after {clock.Elapsed}");
        Assert.Equal(Messages.RunspacePoolState.Broken, pool.State);
    }

    [Fact]
    public async Task NothingListening_IsAConnectErrorNamingHostAndPort()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var parameters = new SessionParameters { HostName = $"root@127.0.0.1:{port}" };
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default));
        Assert.Equal(TransportPhase.Connect, ex.Phase);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not reach", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentServer_HitsTheConnectingTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync();

        var parameters = new SessionParameters { HostName = $"root@127.0.0.1:{port}", ConnectingTimeout = 1500 };
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<PsrpTransportException>(async () =>
            await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.Contains("connecting timeout of 1500 ms", ex.Message, StringComparison.Ordinal);
        (await accept).Dispose();
    }

    [Fact]
    public async Task UnsupportedOption_IsRefusedByName()
    {
        var parameters = sshd.Parameters(options: new Dictionary<string, string> { ["ProxyJump"] = "bastion" });
        var ex = await Assert.ThrowsAsync<SessionParameterException>(async () =>
            await new SshTransportProvider().ConnectAsync(SshdFixture.Request(parameters), default));
        Assert.Contains("'ProxyJump'", ex.Message, StringComparison.Ordinal);
    }
}
