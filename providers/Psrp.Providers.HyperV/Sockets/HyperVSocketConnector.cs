namespace Psrp.Providers.HyperV.Sockets;

/// <summary>
/// Opens a byte stream to the service <paramref name="serviceId"/> of the virtual machine
/// <paramref name="vmId"/>. The real one is <see cref="HyperVSocket.ConnectAsync"/> (an AF_HYPERV
/// socket, Windows only); tests supply one that reaches a stand-in guest over loopback.
/// Failures should be <see cref="PowerShellDirectException"/>s; the stream is owned by the caller.
/// </summary>
public delegate ValueTask<Stream> HyperVSocketConnector(Guid vmId, Guid serviceId, CancellationToken cancellationToken);
