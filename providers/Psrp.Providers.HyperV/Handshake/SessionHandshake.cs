using System.Text;

namespace Psrp.Providers.HyperV.Handshake;

/// <summary>
/// The client's side of the V2 session connection (the second connection, service
/// <see cref="Sockets.HyperVIds.SessionService"/>; psrp-facts §8.4 step 5), as a sans-IO state
/// machine: <c>VERSION</c> → <c>VERSION_…</c>, <c>VERSION_2</c> → <c>PASS</c>,
/// <c>TOKEN &lt;token&gt;</c> → <c>PASS</c>. Then the connection carries the out-of-proc framing.
/// The outcome is the version the session announced (e.g. <c>VERSION_2</c>).
/// </summary>
/// <remarks>A legacy session (after a legacy broker handshake) has no handshake at all; this machine is not run then.</remarks>
public sealed class SessionHandshake : IHandshake<string>
{
    private readonly string _token;
    private State _state = State.NotStarted;
    private string? _version;

    /// <summary>Prepares the conversation with the token the broker issued.</summary>
    /// <exception cref="PowerShellDirectException">The token is null or blank (<see cref="PowerShellDirectError.MissingToken"/>).</exception>
    public SessionHandshake(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new PowerShellDirectException(PowerShellDirectError.MissingToken, "there is no session token from the credential broker to present to the PowerShell session.");
        }

        _token = token;
    }

    private enum State
    {
        NotStarted,
        AwaitVersion,
        AwaitVersionAck,
        AwaitTokenVerdict,
        Done,
    }

    /// <inheritdoc />
    public HandshakeStep<string> Start()
    {
        if (_state != State.NotStarted)
        {
            throw new InvalidOperationException("The session handshake was already started.");
        }

        _state = State.AwaitVersion;
        return new SendAndReceive<string>(ControlWords.Version.ToArray(), ControlWords.VersionReplyLimit);
    }

    /// <inheritdoc />
    public HandshakeStep<string> Receive(ReadOnlySpan<byte> reply)
    {
        if (reply.IsEmpty && _state is State.AwaitVersion or State.AwaitVersionAck or State.AwaitTokenVerdict)
        {
            _state = State.Done;
            throw new PowerShellDirectException(
                PowerShellDirectError.ConnectionClosed,
                "the PowerShell session in the virtual machine closed the connection during the token handshake.");
        }

        switch (_state)
        {
            case State.AwaitVersion:
                var version = ControlWords.Trim(reply);
                if (!version.StartsWith(ControlWords.VersionPrefix))
                {
                    _state = State.Done;
                    throw new PowerShellDirectException(
                        PowerShellDirectError.InvalidResponse,
                        $"the PowerShell session in the virtual machine answered VERSION with {ControlWords.Describe(reply)}, not a VERSION_ reply, although its broker spoke VERSION_2.");
                }

                _version = Encoding.ASCII.GetString(version);
                _state = State.AwaitVersionAck;
                return new SendAndReceive<string>(ControlWords.Version2.ToArray(), ControlWords.ShortReplyLimit);
            case State.AwaitVersionAck:
                if (!ControlWords.Is(reply, ControlWords.Pass))
                {
                    _state = State.Done;
                    throw new PowerShellDirectException(
                        PowerShellDirectError.InvalidResponse,
                        $"the PowerShell session in the virtual machine answered VERSION_2 with {ControlWords.Describe(reply)} (expected PASS).");
                }

                _state = State.AwaitTokenVerdict;
                var message = new byte[ControlWords.TokenPrefix.Length + Encoding.UTF8.GetByteCount(_token)];
                ControlWords.TokenPrefix.CopyTo(message);
                Encoding.UTF8.GetBytes(_token, message.AsSpan(ControlWords.TokenPrefix.Length));
                return new SendAndReceive<string>(message, ControlWords.TokenVerdictLimit, IsSecret: true);
            case State.AwaitTokenVerdict:
                _state = State.Done;
                if (!ControlWords.Is(reply, ControlWords.Pass))
                {
                    throw new PowerShellDirectException(
                        PowerShellDirectError.TokenRejected,
                        $"the PowerShell session in the virtual machine rejected the broker's token ({ControlWords.Describe(reply)}); it may have expired (tokens live 10 minutes).");
                }

                return new SendAndFinish<string>([], _version!);
            case State.NotStarted:
                throw new InvalidOperationException("Start the session handshake before feeding replies.");
            default:
                throw new InvalidOperationException("The session handshake is over.");
        }
    }
}
