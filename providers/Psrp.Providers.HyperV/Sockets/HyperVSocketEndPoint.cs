using System.Buffers.Binary;
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
/// what <see cref="Guid.TryWriteBytes(Span{byte})"/> produces. .NET builds a <see cref="SocketAddress"/>
/// of family 34 only on Windows; <see cref="WriteTo"/> and <see cref="Read"/> give the bytes anywhere.
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

    /// <summary>
    /// Writes SOCKADDR_HV into <paramref name="destination"/> (at least <see cref="Size"/> bytes).
    /// Independent of the operating system, so the layout can be checked anywhere.
    /// </summary>
    public void WriteTo(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)HyperVAddressFamily);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], 0);
        VmId.TryWriteBytes(destination[VmIdOffset..]);
        ServiceId.TryWriteBytes(destination[ServiceIdOffset..]);
    }

    /// <summary>Reads a SOCKADDR_HV; throws <see cref="ArgumentException"/> for another family or a short buffer.</summary>
    public static HyperVSocketEndPoint Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size || BinaryPrimitives.ReadUInt16LittleEndian(source) != (ushort)HyperVAddressFamily)
        {
            throw new ArgumentException($"Not a SOCKADDR_HV: {source.Length} bytes (expected family 34 and {Size} bytes).", nameof(source));
        }

        return new HyperVSocketEndPoint(new Guid(source.Slice(VmIdOffset, 16)), new Guid(source.Slice(ServiceIdOffset, 16)));
    }

    /// <inheritdoc />
    /// <exception cref="PlatformNotSupportedException">Off Windows: .NET cannot represent address family 34 there.</exception>
    public override SocketAddress Serialize()
    {
        var address = new SocketAddress(HyperVAddressFamily, Size);
        WriteTo(address.Buffer.Span);
        return address;
    }

    /// <inheritdoc />
    public override EndPoint Create(SocketAddress socketAddress)
    {
        ArgumentNullException.ThrowIfNull(socketAddress);
        if (socketAddress.Family != HyperVAddressFamily)
        {
            throw new ArgumentException($"Not a SOCKADDR_HV: family {socketAddress.Family} (expected 34).", nameof(socketAddress));
        }

        return Read(socketAddress.Buffer.Span[..socketAddress.Size]);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is HyperVSocketEndPoint other && other.VmId == VmId && other.ServiceId == ServiceId;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(VmId, ServiceId);

    /// <inheritdoc />
    public override string ToString() => $"hv:{VmId:D}/{ServiceId:D}";
}
