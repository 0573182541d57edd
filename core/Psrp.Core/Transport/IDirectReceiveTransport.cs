namespace Psrp.Transport;

/// <summary>
/// Implemented by a transport that reads on a thread of its own and can hand each received
/// <see cref="TransportData"/> straight to the session on that thread, instead of queueing it on
/// <see cref="IPsrpTransport.Received"/> for another thread to pick up. Every message then costs one
/// thread wake-up less: at small message sizes those hand-offs, not the decoding, are most of a
/// client's CPU. Transports that do not implement it keep using <see cref="IPsrpTransport.Received"/>.
/// </summary>
public interface IDirectReceiveTransport
{
    /// <summary>
    /// Asks the transport to hand every received packet to <paramref name="receiver"/> from now on,
    /// one at a time, in order, on its reader thread, and to tell it when it has handled all it read;
    /// the transport waits for each returned task before reading on (that wait is the backpressure). <see cref="IPsrpTransport.Received"/> still completes
    /// when the connection ends (with the error when it broke) but carries no data any more.
    /// Returns false when data has already been queued on <see cref="IPsrpTransport.Received"/> (or a
    /// receiver is already set): the caller must then read the channel as usual.
    /// </summary>
    /// <remarks>The callback must not wait for anything only this transport's reader could deliver.</remarks>
    bool TryReceiveDirectly(IDirectReceiver receiver);
}
