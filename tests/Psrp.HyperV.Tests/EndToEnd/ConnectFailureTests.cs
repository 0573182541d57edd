using System.Net;
using System.Net.Sockets;
using Psrp.HyperV.Tests.Fixture;
using Psrp.Providers.HyperV;
using Psrp.Providers.HyperV.Sockets;
using Psrp.Providers.HyperV.VirtualMachines;
using Psrp.Transport;

namespace Psrp.HyperV.Tests.EndToEnd;

/// <summary>What fails before or instead of a session: missing parameters, VM lookup, silent peers, this operating system.</summary>
public class ConnectFailureTests
{
    [Fact]
    public async Task NoCredential_IsAParameterError_BeforeAnyConnection()
    {
        await using var guest = new FakeGuest();

        var error = await Assert.ThrowsAsync<SessionParameterException>(async () =>
            await new HyperVTransportProvider().ConnectAsync(PowerShellDirectTests.OptionsFor(guest) with { Credential = null }));

        Assert.Contains("-Credential", error.Message, StringComparison.Ordinal);
        Assert.Empty(guest.Connections);
    }

    [Fact]
    public async Task ACredentialWithoutAUserPart_IsAParameterError()
    {
        await using var guest = new FakeGuest();

        await Assert.ThrowsAsync<SessionParameterException>(async () =>
            await new HyperVTransportProvider().ConnectAsync(PowerShellDirectTests.OptionsFor(guest) with { Credential = new PsrpCredential(@"DOMAIN\", "p") }));
        Assert.Empty(guest.Connections);
    }

    [Theory]
    [InlineData(VirtualMachineInfo.Running, "missing", PowerShellDirectError.VirtualMachineNotFound)]
    [InlineData((ushort)3, "vm1", PowerShellDirectError.VirtualMachineNotRunning)]
    [InlineData((ushort)32769, "vm1", PowerShellDirectError.VirtualMachineNotRunning)]
    [InlineData(VirtualMachineInfo.Running, "twin", PowerShellDirectError.VirtualMachineAmbiguous)]
    public async Task VMName_MustNameOneRunningVm(ushort state, string name, PowerShellDirectError expected)
    {
        await using var guest = new FakeGuest();
        var machines = new FakeVirtualMachines(
            new VirtualMachineInfo(guest.VmId, "vm1", state),
            new VirtualMachineInfo(Guid.NewGuid(), "twin", VirtualMachineInfo.Running),
            new VirtualMachineInfo(Guid.NewGuid(), "TWIN", VirtualMachineInfo.Running));

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(async () =>
            await new HyperVTransportProvider().ConnectAsync(PowerShellDirectTests.OptionsFor(guest) with { VmId = null, VmName = name, VirtualMachines = machines }));

        Assert.Equal(expected, error.Error);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Empty(guest.Connections);
    }

    [Fact]
    public async Task VMId_OfAStoppedVm_IsRefused_WithItsState()
    {
        await using var guest = new FakeGuest();
        var machines = new FakeVirtualMachines(new VirtualMachineInfo(guest.VmId, "stopped", 3));

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(async () =>
            await new HyperVTransportProvider().ConnectAsync(PowerShellDirectTests.OptionsFor(guest) with { VirtualMachines = machines }));

        Assert.Equal(PowerShellDirectError.VirtualMachineNotRunning, error.Error);
        Assert.Contains("Off", error.Message, StringComparison.Ordinal);
        Assert.Equal(["id:" + guest.VmId], machines.Lookups);
    }

    [Fact]
    public async Task ABrokerThatNeverAnswers_TimesOut()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        var vm = Guid.NewGuid();
        async ValueTask<Stream> Connect(Guid vmId, Guid serviceId, CancellationToken ct)
        {
            var client = new TcpClient();
            await client.ConnectAsync((IPEndPoint)silent.LocalEndpoint, ct);
            accepted.Add(await silent.AcceptTcpClientAsync(ct));
            return client.GetStream();
        }

        var options = new HyperVTransportOptions
        {
            VmId = vm,
            Credential = new PsrpCredential("admin", "secret-Pa55"),
            Connector = Connect,
            VirtualMachines = new FakeVirtualMachines(new VirtualMachineInfo(vm, "silent", VirtualMachineInfo.Running)),
            HandshakeTimeout = TimeSpan.FromSeconds(2),
        };
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(async () => await new HyperVTransportProvider().ConnectAsync(options));

        Assert.Equal(PowerShellDirectError.TimedOut, error.Error);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(20));
        foreach (var client in accepted)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task AnUnreachableVm_IsConnectFailed()
    {
        await using var guest = new FakeGuest();
        var other = Guid.NewGuid();
        var options = PowerShellDirectTests.OptionsFor(guest) with
        {
            VmId = other,
            VirtualMachines = new FakeVirtualMachines(new VirtualMachineInfo(other, "elsewhere", VirtualMachineInfo.Running)),
        };

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(async () => await new HyperVTransportProvider().ConnectAsync(options));

        Assert.Equal(PowerShellDirectError.ConnectFailed, error.Error);
    }

    [Fact]
    public async Task TheCallersCancellation_IsACancellation_NotATimeout()
    {
        await using var guest = new FakeGuest();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await new HyperVTransportProvider().ConnectAsync(PowerShellDirectTests.OptionsFor(guest), cancellationToken: cancelled.Token));
    }
}
