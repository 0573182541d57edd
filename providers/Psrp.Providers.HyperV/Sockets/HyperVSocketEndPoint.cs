using System.Net;
using System.Net.Sockets;

namespace Psrp.Providers.HyperV.Sockets;

/// <summary>
/// A Hyper-V socket address: a VM id and a service id. <see cref="Serialize"/> writes the
/// Windows SOCKADDR_HV structure (psrp-facts §8.1), which is all .NET's <see cref="Socket"/>
/// needs to connect an <c>AF_HYPERV</c> socket.
/// </summary>
/// <remarks>
/// SOCKADDR_HV, 36 bytes: <c>u16 Family</c> (34, little-endian), <c>u16 Reserved</c> (0),
/// <c>GUID VmId</c>, <c>GUID ServiceId</c>; each GUID in Windows' in-memory layout, which is
/// what <see cref="Guid.TryWriteBytes(Span{byte})"/> produces.
/// </remarks>
public sealed class HyperVSocketEndPoint : EndPoint
{
    /// <summary>AF_HYPERV, the Windows address family of Hyper-V sockets.</summary>
    public const AddressFamily HyperVAddressFamily = (AddressFamily)34;

    /// <summary>HV_PROTOCOL_RAW, the only protocol of Hyper-V stream sockets.</summary>
    public const ProtocolType RawProtocol = (ProtocolType)1;

    /// <summary>The size of SOCKADDR_HV in bytes.</summary>
    public const int Size = 36;

    private const int VmIdOffset = 4;
    private const int ServiceIdOffset = 20;

    /// <summary>Creates the address of <paramref name="serviceId"/> in the VM <paramref name="vmId"/>.</summary>
    public HyperVSocketEndPoint(Guid vmId, Guid serviceId)
    {
        VmId = vmId;
        ServiceId = serviceId;
    }

    /// <summary>The VM (partition) id, or one of the well-known ids in <see cref="HyperVIds"/>.</summary>
    public Guid VmId { get; }

    /// <summary>The service (port) id.</summary>
    public Guid ServiceId { get; }

    /// <inheritdoc />
    public override AddressFamily AddressFamily => HyperVAddressFamily;

    /// <inheritdoc />
    public override SocketAddress Serialize()
    {
        // SocketAddress writes the family into bytes 0-1 itself; bytes 2-3 (Reserved) start zeroed.
        var address = new SocketAddress(HyperVAddressFamily, Size);
        var bytes = address.Buffer.Span;
        VmId.TryWriteBytes(bytes[VmIdOffset..]);
        ServiceId.TryWriteBytes(bytes[ServiceIdOffset..]);
        return address;
    }

    /// <inheritdoc />
    public override EndPoint Create(SocketAddress socketAddress)
    {
        ArgumentNullException.ThrowIfNull(socketAddress);
        if (socketAddress.Family != HyperVAddressFamily || socketAddress.Size < Size)
        {
            throw new ArgumentException($"Not a SOCKADDR_HV: family {socketAddress.Family}, {socketAddress.Size} bytes (expected family 34, {Size} bytes).", nameof(socketAddress));
        }

        var bytes = socketAddress.Buffer.Span;
        return new HyperVSocketEndPoint(new Guid(bytes.Slice(VmIdOffset, 16)), new Guid(bytes.Slice(ServiceIdOffset, 16)));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is HyperVSocketEndPoint other && other.VmId == VmId && other.ServiceId == ServiceId;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(VmId, ServiceId);

    /// <inheritdoc />
    public override string ToString() => $"hv:{VmId:D}/{ServiceId:D}";
}
