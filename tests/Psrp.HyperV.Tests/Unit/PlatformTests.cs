using Psrp.HyperV.Tests.Fixture;
using Psrp.Providers.HyperV;
using Psrp.Providers.HyperV.Sockets;
using Psrp.Providers.HyperV.VirtualMachines;
using Psrp.Transport;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>
/// The real socket factory and the WMI lookup on this machine. Off Windows (every machine these
/// tests run on here) both fail with NotSupported before doing anything; on Windows the socket is
/// really created, so asking for a VM that does not exist fails to connect instead.
/// </summary>
public class PlatformTests
{
    [Fact]
    public async Task TheRealSocketFactory_OffWindows_IsNotSupported()
    {
        var attempt = async () => await HyperVSocket.ConnectAsync(Guid.NewGuid(), HyperVIds.BrokerService, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(attempt);

        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(PowerShellDirectError.ConnectFailed, error.Error);
        }
        else
        {
            Assert.Equal(PowerShellDirectError.NotSupported, error.Error);
            Assert.Contains("not supported on this operating system", error.Message, StringComparison.Ordinal);
            Assert.Equal("hyperv", error.TransportName);
            Assert.Equal(TransportPhase.Connect, error.Phase);
        }
    }

    [Fact]
    public async Task TheProvider_WithRealSockets_OffWindows_FailsBeforeLookingAnythingUp()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var machines = new FakeVirtualMachines(new VirtualMachineInfo(Guid.NewGuid(), "vm", VirtualMachineInfo.Running));
        var options = new HyperVTransportOptions { VmName = "vm", Credential = new PsrpCredential("admin", "p"), VirtualMachines = machines };

        var error = await Assert.ThrowsAsync<PowerShellDirectException>(async () => await new HyperVTransportProvider().ConnectAsync(options));

        Assert.Equal(PowerShellDirectError.NotSupported, error.Error);
        Assert.Empty(machines.Lookups);
    }

    [Fact]
    public async Task TheWmiCatalog_OffWindows_IsNotSupported()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var byName = await Assert.ThrowsAsync<PowerShellDirectException>(() => HyperVWmiCatalog.Instance.FindByNameAsync("vm", CancellationToken.None));
        var byId = await Assert.ThrowsAsync<PowerShellDirectException>(() => HyperVWmiCatalog.Instance.FindByIdAsync(Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(PowerShellDirectError.NotSupported, byName.Error);
        Assert.Equal(PowerShellDirectError.NotSupported, byId.Error);
    }

    [Fact]
    public void TheRegistryPolicy_OffWindows_NeverForbids()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.False(RequirePsDirectAuthentication.IsSet());
        }
    }
}
