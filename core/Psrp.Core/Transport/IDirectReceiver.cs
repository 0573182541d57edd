namespace Psrp.Transport;

/// <summary>
/// The session's receive step, called by an <see cref="IDirectReceiveTransport"/> on its reader thread.
/// </summary>
public interface IDirectReceiver
{
    /// <summary>Takes one packet's data; the transport reads on only when the returned task is done.</summary>
    ValueTask ReceiveAsync(TransportData data);

    /// <summary>
    /// The transport has handled everything it read and is about to wait for more: what the data
    /// so far produced may go to its consumers (one wake-up per burst, not per packet).
    /// </summary>
    void Drained();
}
