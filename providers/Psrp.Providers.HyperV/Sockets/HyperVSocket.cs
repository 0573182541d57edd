using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Psrp.Providers.HyperV.Sockets;

/// <summary>The real <see cref="HyperVSocketConnector"/>: an AF_HYPERV stream socket to a guest service.</summary>
public static class HyperVSocket
{
    /// <summary>True when this operating system has Hyper-V sockets (Windows).</summary>
    public static bool IsSupported => OperatingSystem.IsWindows();

    /// <summary>Throws <see cref="PowerShellDirectException"/> (<see cref="PowerShellDirectError.NotSupported"/>) unless <see cref="IsSupported"/>.</summary>
    public static void ThrowIfNotSupported()
    {
        if (!IsSupported)
        {
            throw new PowerShellDirectException(
                PowerShellDirectError.NotSupported,
                $"PowerShell Direct (-VMId, -VMName, vm://) is not supported on this operating system ({RuntimeInformation.OSDescription}): Hyper-V sockets (AF_HYPERV) exist only on Windows. Connect from the Hyper-V host itself.");
        }
    }

    /// <summary>
    /// Connects to <paramref name="serviceId"/> in <paramref name="vmId"/> and returns a stream
    /// owning the socket. Checks the operating system before anything else.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(Guid vmId, Guid serviceId, CancellationToken cancellationToken)
    {
        ThrowIfNotSupported();
        cancellationToken.ThrowIfCancellationRequested();
        var endPoint = new HyperVSocketEndPoint(vmId, serviceId);
        var socket = new Socket(HyperVSocketEndPoint.HyperVAddressFamily, SocketType.Stream, HyperVSocketEndPoint.RawProtocol);
        try
        {
            // The blocking Connect, as PowerShell does it: the asynchronous path binds an unbound
            // socket to an IP wildcard address first, which an AF_HYPERV socket cannot take.
            // Cancellation closes the socket, which ends the blocking call.
            using (cancellationToken.Register(static s => ((Socket)s!).Dispose(), socket))
            {
                await Task.Run(() => socket.Connect(endPoint), CancellationToken.None).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw new PowerShellDirectException(
                PowerShellDirectError.ConnectFailed,
                $"could not connect to {HyperVIds.Describe(serviceId)} in virtual machine {vmId}: {ex.Message}. Check that the VM runs a Windows guest with the PowerShell Direct service (vmicvmsession) and that you are a Hyper-V administrator on this host.",
                ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
