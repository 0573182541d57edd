namespace Psrp.Transport;

/// <summary>
/// A transport plugin: turns a resolved connection request into a connected
/// <see cref="IPsrpTransport"/>. Export implementations with <see cref="ExportTransportProviderAttribute"/>
/// so hosts find them at run time (built in, or a DLL in a plugin folder).
/// </summary>
/// <remarks>
/// Out-of-proc transports (SSH, Hyper-V socket, container, process) only have to produce a connected
/// byte stream and hand it to <see cref="OutOfProc.OutOfProcTransport"/>; WSMan implements
/// <see cref="IPsrpTransport"/> directly.
/// One provider instance serves every session of a host, and hosts create it when they build
/// their catalog: keep the constructor cheap, free of I/O and exception-free, and keep per-session
/// state in the transport, not in the provider.
/// </remarks>
public interface ITransportProvider
{
    /// <summary>Connects to <paramref name="request"/>'s target. Failures are <see cref="PsrpTransportException"/>s in the Connect phase.</summary>
    ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken);
}
