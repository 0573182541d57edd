namespace Psrp.Providers.HyperV.Handshake;

/// <summary>
/// A sans-IO conversation on one control connection: bytes in, bytes out, a typed outcome. The
/// driver sends what a step says, reads one reply, and feeds it back until a final step.
/// Protocol violations throw <see cref="PowerShellDirectException"/>.
/// </summary>
/// <typeparam name="TOutcome">The result of a completed conversation.</typeparam>
public interface IHandshake<TOutcome>
{
    /// <summary>The first step. Call once.</summary>
    HandshakeStep<TOutcome> Start();

    /// <summary>
    /// The next step, given the peer's reply to the last <see cref="SendAndReceive{TOutcome}"/>.
    /// An empty reply means the peer closed the connection.
    /// </summary>
    HandshakeStep<TOutcome> Receive(ReadOnlySpan<byte> reply);
}
