using System.Text;
using Psrp.Client;
using Psrp.HyperV.Tests.Fixture;
using Psrp.Providers.HyperV;
using Psrp.Providers.HyperV.Handshake;
using Psrp.Providers.HyperV.Sockets;
using Psrp.Providers.HyperV.VirtualMachines;
using Psrp.Tests.Shared;
using Psrp.Transport;

namespace Psrp.HyperV.Tests.EndToEnd;

/// <summary>
/// The provider end to end over TCP loopback: the injected socket factory stands in for AF_HYPERV,
/// a stand-in guest's broker and session endpoint follow psrp-facts §8, and the session is served
/// by PowerShell's own server (the LocalServer), so real pipelines run through the whole handshake.
/// </summary>
public class PowerShellDirectTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    internal static HyperVTransportOptions OptionsFor(FakeGuest guest, string? password = null) => new()
    {
        VmId = guest.VmId,
        Credential = new PsrpCredential(guest.Options.User, password ?? guest.Options.Password),
        Connector = guest.Connector,
        VirtualMachines = new FakeVirtualMachines(new VirtualMachineInfo(guest.VmId, guest.Name, VirtualMachineInfo.Running)),
    };

    private static byte[] A(string keyword) => Encoding.ASCII.GetBytes(keyword);

    private static byte[] U(string userData) => Encoding.Unicode.GetBytes(userData);

    private static async Task<List<object?>> RunAsync(IPsrpTransport transport, string script)
    {
        using var timeout = new CancellationTokenSource(Limit);
        await using var pool = await RunspacePool.OpenAsync(transport, null, timeout.Token);
        var output = await RemoteScripts.CollectAsync(pool.CreatePipeline().AddScript(script).InvokeAsync(cancellationToken: timeout.Token));
        return [.. output.Select(o => o?.BaseValue)];
    }

    [Fact]
    public async Task CurrentGuest_Version2WithToken_RunsPipelinesOnPowerShellsServer()
    {
        await using var guest = new FakeGuest();
        var logs = new RecordingLoggerFactory();

        var transport = await new HyperVTransportProvider().ConnectAsync(OptionsFor(guest), logs);
        await using (transport)
        {
            Assert.Equal(BrokerProtocol.Version2, transport.Protocol);
            Assert.Equal(guest.VmId, transport.VmId);
            Assert.Equal("hyperv", transport.Capabilities.Name);

            using var timeout = new CancellationTokenSource(Limit);
            await using var pool = await RunspacePool.OpenAsync(transport, null, timeout.Token);
            var sum = await RemoteScripts.CollectAsync(pool.CreatePipeline().AddScript("1 + 1; $PSVersionTable.PSVersion.Major").InvokeAsync(cancellationToken: timeout.Token));
            Assert.Equal([2, 7], sum.Select(o => o!.BaseValue));

            var pipeline = pool.CreatePipeline().AddScript(RemoteScripts.Streams);
            var output = await RemoteScripts.CollectAsync(pipeline.InvokeAsync(cancellationToken: timeout.Token));
            Assert.Equal("the output", Assert.Single(output)!.BaseValue);
            Assert.Equal("a warning", Assert.Single(pipeline.Streams.Warning).Message);
            Assert.Equal("an error", Assert.Single(pipeline.Streams.Error).Message);
        }

        await guest.QuiesceBrokerAsync();
        var talk = Assert.Single(guest.BrokerConversations);
        Assert.StartsWith("accepted (V2", talk.Result, StringComparison.Ordinal);
        Assert.Equal(
            [A("VERSION"), A("VERSION_2"), U("localhost"), U("admin"), A("NONEMPTYPW"), U(guest.Options.Password), A("EMPTYCF"), A("PASS")],
            talk.Received);
        Assert.Equal(["token accepted"], guest.SessionEvents);
        Assert.Equal([(guest.VmId, HyperVIds.BrokerService), (guest.VmId, HyperVIds.SessionService)], guest.Connections);
        AssertNoSecrets(logs.Text, guest);
        Assert.Contains(logs.Lines, l => l.EventId == 4);
    }

    [Fact]
    public async Task OldGuest_IsProbed_ThenServedWithTheLegacyHandshake()
    {
        await using var guest = new FakeGuest(new GuestOptions { Broker = BrokerKind.Legacy });
        var logs = new RecordingLoggerFactory();

        var transport = await new HyperVTransportProvider().ConnectAsync(OptionsFor(guest) with { LegacyBroker = LegacyBrokerPolicy.Allow }, logs);
        await using (transport)
        {
            Assert.Equal(BrokerProtocol.Legacy, transport.Protocol);
            Assert.Equal([3L], await RunAsync(transport, "[long](1 + 2)"));
        }

        await guest.QuiesceBrokerAsync();
        var conversations = guest.BrokerConversations.ToArray();
        Assert.Equal(2, conversations.Length);
        Assert.Equal([A("VERSION"), U("?<PSDirectVMLegacy>"), A("EMPTYPW"), A("FAIL")], conversations[0].Received);
        Assert.Equal("rejected", conversations[0].Result);
        Assert.Equal([U("localhost"), U("admin"), A("NONEMPTYPW"), U(guest.Options.Password), A("EMPTYCF")], conversations[1].Received);
        Assert.Equal(["no handshake (legacy)"], guest.SessionEvents);
        Assert.Contains(logs.Lines, l => l.EventId == 3 && l.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        AssertNoSecrets(logs.Text, guest);
    }

    [Fact]
    public async Task OldGuest_WithTheDowngradeForbidden_FailsAfterTheProbe_WithoutSigningIn()
    {
        await using var guest = new FakeGuest(new GuestOptions { Broker = BrokerKind.Legacy });

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(async () =>
            await new HyperVTransportProvider().ConnectAsync(OptionsFor(guest) with { LegacyBroker = LegacyBrokerPolicy.Forbid }));

        Assert.Equal(PowerShellDirectError.DowngradeForbidden, error.Error);
        Assert.Equal(TransportPhase.Connect, error.Phase);
        await guest.QuiesceBrokerAsync();
        var probe = Assert.Single(guest.BrokerConversations);
        Assert.Equal([A("VERSION"), U("?<PSDirectVMLegacy>"), A("EMPTYPW"), A("FAIL")], probe.Received);
        Assert.Equal([(guest.VmId, HyperVIds.BrokerService)], guest.Connections);
        Assert.Empty(guest.ServersStarted);
    }

    [Theory]
    [InlineData(BrokerKind.Version2)]
    [InlineData(BrokerKind.Legacy)]
    public async Task WrongPassword_IsCredentialRejected_AndNoSessionStarts(BrokerKind broker)
    {
        await using var guest = new FakeGuest(new GuestOptions { Broker = broker });
        const string wrong = "not-the-Pa55word";

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(async () =>
            await new HyperVTransportProvider().ConnectAsync(OptionsFor(guest, wrong) with { LegacyBroker = LegacyBrokerPolicy.Allow }));

        Assert.Equal(PowerShellDirectError.CredentialRejected, error.Error);
        Assert.Contains("admin", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        await guest.QuiesceBrokerAsync();
        Assert.Equal("rejected", guest.BrokerConversations.Last().Result);
        Assert.Empty(guest.ServersStarted);
        Assert.DoesNotContain(guest.Connections, c => c.ServiceId == HyperVIds.SessionService);
    }

    [Fact]
    public async Task AnExpiredToken_IsRejectedByTheSession()
    {
        await using var guest = new FakeGuest(new GuestOptions { TokenAge = TimeSpan.FromMinutes(11) });

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(async () => await new HyperVTransportProvider().ConnectAsync(OptionsFor(guest)));

        Assert.Equal(PowerShellDirectError.TokenRejected, error.Error);
        Assert.Equal(["token rejected"], guest.SessionEvents);
        Assert.Empty(guest.ServersStarted);
        AssertNoSecrets(error.ToString(), guest);
    }

    [Fact]
    public async Task TheConfigurationName_ReachesTheBroker_WhichStartsTheServerWithIt()
    {
        await using var guest = new FakeGuest();

        IReadOnlyList<string> server;
        await using (await new HyperVTransportProvider().ConnectAsync(OptionsFor(guest) with { ConfigurationName = "Restricted.Endpoint" }))
        {
            await guest.QuiesceBrokerAsync();
            server = await guest.WaitForServerAsync();
        }

        var talk = Assert.Single(guest.BrokerConversations);
        Assert.Equal([A("NONEMPTYCF"), U("Restricted.Endpoint"), A("PASS")], talk.Received[^3..]);
        Assert.Equal(["-s", "-NoLogo", "-NoProfile", "-ConfigurationName", "Restricted.Endpoint"], server.Skip(1));
    }

    [Fact]
    public async Task VMName_IsLookedUp_ThenConnectsToThatVm()
    {
        await using var guest = new FakeGuest();
        var machines = new FakeVirtualMachines(
            new VirtualMachineInfo(Guid.NewGuid(), "other", VirtualMachineInfo.Running),
            new VirtualMachineInfo(guest.VmId, guest.Name, VirtualMachineInfo.Running));

        var transport = await new HyperVTransportProvider().ConnectAsync(OptionsFor(guest) with { VmId = null, VmName = guest.Name.ToUpperInvariant(), VirtualMachines = machines });
        await using (transport)
        {
            Assert.Equal(guest.VmId, transport.VmId);
            Assert.Equal(guest.Name, transport.VmName);
            Assert.Equal(["hello"], await RunAsync(transport, "'hello'"));
        }

        Assert.Equal(["name:" + guest.Name.ToUpperInvariant()], machines.Lookups);
    }

    [Fact]
    public async Task ATransportWhoseServerDies_FailsItsWaitersPromptly()
    {
        var guest = new FakeGuest();
        await using var transport = await new HyperVTransportProvider().ConnectAsync(OptionsFor(guest));
        using var timeout = new CancellationTokenSource(Limit);
        await using var pool = await RunspacePool.OpenAsync(transport, null, timeout.Token);

        // The guest goes away: its server is killed and its sockets close.
        await guest.DisposeAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await RemoteScripts.CollectAsync(pool.CreatePipeline().AddScript("1").InvokeAsync(cancellationToken: timeout.Token)));

        Assert.True(error is PsrpTransportException or RunspacePoolBrokenException, error.ToString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"took {started.Elapsed}");
        Assert.False(timeout.IsCancellationRequested);
    }

    internal static void AssertNoSecrets(string text, FakeGuest guest)
    {
        Assert.DoesNotContain(guest.Options.Password, text, StringComparison.Ordinal);
        foreach (var token in guest.IssuedTokens)
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
    }
}
