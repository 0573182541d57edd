using System.Net;
using System.Net.Sockets;
using Psrp.Providers.HyperV.Sockets;

namespace Psrp.HyperV.Tests.Unit;

/// <summary>SOCKADDR_HV as Windows reads it (psrp-facts §8.1): family 34, reserved 0, two GUIDs in Windows' layout.</summary>
public class EndPointTests
{
    // a42e7cda-d03f-480c-9cc2-a4de20abb878 (HV_GUID_PARENT) and a5201c21-2770-4c11-a68e-f182edb29220
    // (the session service): the first three groups little-endian, the rest as written.
    private static readonly byte[] ParentSession =
    [
        0x22, 0x00, 0x00, 0x00,
        0xda, 0x7c, 0x2e, 0xa4, 0x3f, 0xd0, 0x0c, 0x48, 0x9c, 0xc2, 0xa4, 0xde, 0x20, 0xab, 0xb8, 0x78,
        0x21, 0x1c, 0x20, 0xa5, 0x70, 0x27, 0x11, 0x4c, 0xa6, 0x8e, 0xf1, 0x82, 0xed, 0xb2, 0x92, 0x20,
    ];

    [Fact]
    public void WriteTo_WritesTheThirtySixBytesOfSockaddrHv()
    {
        var bytes = new byte[40];
        Array.Fill(bytes, (byte)0xee);

        new HyperVSocketEndPoint(HyperVIds.Parent, HyperVIds.SessionService).WriteTo(bytes);

        Assert.Equal(ParentSession, bytes[..36]);
        Assert.Equal([0xee, 0xee, 0xee, 0xee], bytes[36..]);
    }

    [Fact]
    public void TheBrokerServiceId_IsTheWellKnownGuid()
    {
        var bytes = new byte[HyperVSocketEndPoint.Size];

        new HyperVSocketEndPoint(Guid.Empty, HyperVIds.BrokerService).WriteTo(bytes);

        Assert.Equal(new byte[16], bytes[4..20]);
        Assert.Equal([0xd4, 0x53, 0x9e, 0x99, 0x5c, 0x3d, 0x3e, 0x4c, 0x87, 0x79, 0xbe, 0xd0, 0x6e, 0xc0, 0x56, 0xe1], bytes[20..]);
    }

    [Fact]
    public void Read_ReadsBackWhatWriteToWrote()
    {
        var vm = Guid.NewGuid();
        var original = new HyperVSocketEndPoint(vm, HyperVIds.BrokerService);
        var bytes = new byte[HyperVSocketEndPoint.Size];
        original.WriteTo(bytes);

        var copy = HyperVSocketEndPoint.Read(bytes);

        Assert.Equal((vm, HyperVIds.BrokerService), (copy.VmId, copy.ServiceId));
        Assert.Equal(original, copy);
        Assert.Equal(original.GetHashCode(), copy.GetHashCode());
        Assert.Equal((AddressFamily)34, copy.AddressFamily);
        Assert.Throws<ArgumentException>(() => HyperVSocketEndPoint.Read(bytes.AsSpan(0, 35)));
        Assert.Throws<ArgumentException>(() => HyperVSocketEndPoint.Read(ParentSession.Select((b, i) => i == 0 ? (byte)2 : b).ToArray()));
    }

    [Fact]
    public void Serialize_IsTheSocketAddressDotNetConnectsWith_OnWindowsOnly()
    {
        var endPoint = new HyperVSocketEndPoint(HyperVIds.Parent, HyperVIds.SessionService);
        if (!OperatingSystem.IsWindows())
        {
            // .NET's socket layer cannot even represent family 34 elsewhere: the provider never gets this far off Windows.
            Assert.Throws<PlatformNotSupportedException>(() => endPoint.Serialize());
            return;
        }

        var address = endPoint.Serialize();

        Assert.Equal(HyperVSocketEndPoint.HyperVAddressFamily, address.Family);
        Assert.Equal(ParentSession, address.Buffer[..address.Size].ToArray());
        Assert.Equal(endPoint, endPoint.Create(address));
    }

    [Fact]
    public void Create_RefusesAnotherFamily()
    {
        var ipv4 = new IPEndPoint(IPAddress.Loopback, 5985).Serialize();

        Assert.Throws<ArgumentException>(() => new HyperVSocketEndPoint(Guid.Empty, Guid.Empty).Create(ipv4));
    }
}
