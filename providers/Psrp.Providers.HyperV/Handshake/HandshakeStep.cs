namespace Psrp.Providers.HyperV.Handshake;

/// <summary>
/// What a sans-IO handshake machine asks its driver to do next: send bytes and hand back the one
/// reply (<see cref="SendAndReceive{TOutcome}"/>), or send last bytes and stop with an outcome
/// (<see cref="SendAndFinish{TOutcome}"/>).
/// </summary>
/// <typeparam name="TOutcome">The machine's result.</typeparam>
public abstract record HandshakeStep<TOutcome>;

/// <summary>Send <paramref name="Bytes"/>, then read one reply of at most <paramref name="ReplyLimit"/> bytes and pass it to the machine.</summary>
/// <param name="Bytes">The message. When <paramref name="IsSecret"/>, the driver zeroes it once sent.</param>
/// <param name="ReplyLimit">The largest reply expected (the receive buffer's size).</param>
/// <param name="IsSecret">True for the password and the token: never log, zero after sending.</param>
public sealed record SendAndReceive<TOutcome>(byte[] Bytes, int ReplyLimit, bool IsSecret = false) : HandshakeStep<TOutcome>;

/// <summary>Send <paramref name="Bytes"/> (possibly none), then the conversation on this connection is over.</summary>
/// <param name="Bytes">The last message, e.g. <c>PASS</c> acknowledging the token, or <c>FAIL</c> after a rejected credential.</param>
/// <param name="Outcome">The result.</param>
/// <param name="IsSecret">True when <paramref name="Bytes"/> is secret.</param>
public sealed record SendAndFinish<TOutcome>(byte[] Bytes, TOutcome Outcome, bool IsSecret = false) : HandshakeStep<TOutcome>;
