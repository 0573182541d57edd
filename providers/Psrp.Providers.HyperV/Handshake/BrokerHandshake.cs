namespace Psrp.Providers.HyperV.Handshake;

/// <summary>
/// The client's conversation with the guest's credential broker (the first connection, service
/// <see cref="Sockets.HyperVIds.BrokerService"/>), as a sans-IO state machine. V2 (psrp-facts §8.4):
/// <c>VERSION</c> → <c>VERSION_…</c>, <c>VERSION_2</c> → ack, domain → ack, user → ack,
/// <c>EMPTYPW</c> or <c>NONEMPTYPW</c> → ack, password → verdict (<c>CONF</c>/<c>PASS</c>/<c>FAIL</c>),
/// <c>EMPTYCF</c> or <c>NONEMPTYCF</c> → ack, configuration name, → <c>TOKEN t</c>, <c>PASS</c>.
/// Legacy (§8.3) is the same without the version exchange and without the token. When a V2 client
/// meets an old broker (its answer to <c>VERSION</c> is not <c>VERSION_…</c>), it ends that
/// conversation with a probe user that cannot exist, <c>EMPTYPW</c> and <c>FAIL</c>, and reports
/// <see cref="BrokerOutcome.LegacyBroker"/>.
/// </summary>
/// <remarks>
/// Acks to the domain, the user name, <c>NONEMPTYPW</c>, <c>NONEMPTYCF</c>, <c>VERSION_2</c> and the
/// probe are read and not judged, as PowerShell does: the verdict comes after the password. The
/// password's bytes are handed out in a secret step (the driver zeroes them once sent).
/// </remarks>
public sealed class BrokerHandshake : IHandshake<BrokerOutcome>
{
    private readonly BrokerProtocol _protocol;
    private readonly string _domain;
    private readonly string _user;
    private readonly string _password;
    private readonly string? _configurationName;
    private State _state = State.NotStarted;

    /// <summary>Prepares the conversation; nothing is sent until <see cref="Start"/>.</summary>
    /// <param name="protocol">V2 (with the old-broker probe) or legacy.</param>
    /// <param name="domain">The credential's domain; null or empty means <c>localhost</c>, as PowerShell sends it.</param>
    /// <param name="user">The user name without the domain; must not be empty.</param>
    /// <param name="password">The password; empty sends <c>EMPTYPW</c>.</param>
    /// <param name="configurationName">The session configuration, or null/empty for the default.</param>
    public BrokerHandshake(BrokerProtocol protocol, string? domain, string user, string password, string? configurationName)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        _protocol = protocol;
        _domain = string.IsNullOrEmpty(domain) ? "localhost" : domain;
        _user = user;
        _password = password;
        _configurationName = string.IsNullOrEmpty(configurationName) ? null : configurationName;
    }

    private enum State
    {
        NotStarted,
        AwaitVersion,
        AwaitVersionAck,
        AwaitProbeUserAck,
        AwaitProbeVerdict,
        AwaitDomainAck,
        AwaitUserAck,
        AwaitPasswordPrompt,
        AwaitCredentialVerdict,
        AwaitConfigurationPrompt,
        AwaitToken,
        Done,
    }

    /// <summary>Which handshake this is.</summary>
    public BrokerProtocol Protocol => _protocol;

    /// <inheritdoc />
    public HandshakeStep<BrokerOutcome> Start()
    {
        if (_state != State.NotStarted)
        {
            throw new InvalidOperationException("The broker handshake was already started.");
        }

        return _protocol == BrokerProtocol.Version2
            ? Send(ControlWords.Version, ControlWords.VersionReplyLimit, State.AwaitVersion)
            : SendDomain();
    }

    /// <inheritdoc />
    public HandshakeStep<BrokerOutcome> Receive(ReadOnlySpan<byte> reply)
    {
        if (reply.IsEmpty && _state is not (State.NotStarted or State.Done))
        {
            throw Closed();
        }

        switch (_state)
        {
            case State.AwaitVersion:
                if (ControlWords.Trim(reply).StartsWith(ControlWords.VersionPrefix))
                {
                    return Send(ControlWords.Version2, ControlWords.ShortReplyLimit, State.AwaitVersionAck);
                }

                // An old broker read "VERSION" as the domain. Finish its conversation so it does not
                // hang, with a user that cannot exist, then let the caller decide about the downgrade.
                return Send(ControlWords.UserData(ControlWords.LegacyProbeUser), ControlWords.ShortReplyLimit, State.AwaitProbeUserAck);
            case State.AwaitProbeUserAck:
                return Send(ControlWords.EmptyPassword, ControlWords.ShortReplyLimit, State.AwaitProbeVerdict);
            case State.AwaitProbeVerdict:
                return Finish(ControlWords.Fail, new BrokerOutcome.LegacyBroker());
            case State.AwaitVersionAck:
                return SendDomain();
            case State.AwaitDomainAck:
                return Send(ControlWords.UserData(_user), ControlWords.ShortReplyLimit, State.AwaitUserAck);
            case State.AwaitUserAck:
                return _password.Length == 0
                    ? Send(ControlWords.EmptyPassword, ControlWords.ShortReplyLimit, State.AwaitCredentialVerdict)
                    : Send(ControlWords.NonEmptyPassword, ControlWords.ShortReplyLimit, State.AwaitPasswordPrompt);
            case State.AwaitPasswordPrompt:
                _state = State.AwaitCredentialVerdict;
                return new SendAndReceive<BrokerOutcome>(ControlWords.UserData(_password), ControlWords.ShortReplyLimit, IsSecret: true);
            case State.AwaitCredentialVerdict:
                return OnCredentialVerdict(reply);
            case State.AwaitConfigurationPrompt:
                return AfterConfiguration(ControlWords.UserData(_configurationName!));
            case State.AwaitToken:
                var token = ControlWords.ExtractToken(reply);
                if (token is null)
                {
                    _state = State.Done;
                    throw new PowerShellDirectException(
                        PowerShellDirectError.MissingToken,
                        $"the virtual machine's credential broker accepted the credential but sent {ControlWords.Describe(reply)} instead of a session token.");
                }

                return Finish(ControlWords.Pass, new BrokerOutcome.Accepted(token));
            case State.NotStarted:
                throw new InvalidOperationException("Start the broker handshake before feeding replies.");
            default:
                throw new InvalidOperationException("The broker handshake is over.");
        }
    }

    private HandshakeStep<BrokerOutcome> OnCredentialVerdict(ReadOnlySpan<byte> reply)
    {
        if (ControlWords.Is(reply, ControlWords.Fail))
        {
            return Finish(ControlWords.Fail, new BrokerOutcome.CredentialRejected());
        }

        if (ControlWords.Is(reply, ControlWords.Conf))
        {
            // The guest supports session configurations and asks which one.
            return _configurationName is null
                ? AfterConfiguration(ControlWords.EmptyConfiguration.ToArray())
                : Send(ControlWords.NonEmptyConfiguration, ControlWords.ShortReplyLimit, State.AwaitConfigurationPrompt);
        }

        if (ControlWords.Is(reply, ControlWords.Pass))
        {
            // A guest too old for configurations: acknowledge; a configuration name cannot be passed on.
            return AfterConfiguration(ControlWords.Pass.ToArray());
        }

        _state = State.Done;
        throw new PowerShellDirectException(
            PowerShellDirectError.InvalidResponse,
            $"the virtual machine's credential broker answered the credential with {ControlWords.Describe(reply)} (expected CONF, PASS or FAIL).");
    }

    /// <summary>The message that ends the credential part: V2 then waits for the token; legacy is done.</summary>
    private HandshakeStep<BrokerOutcome> AfterConfiguration(byte[] message)
    {
        if (_protocol == BrokerProtocol.Version2)
        {
            _state = State.AwaitToken;
            return new SendAndReceive<BrokerOutcome>(message, ControlWords.TokenReplyLimit);
        }

        return Finish(message, new BrokerOutcome.Accepted(null));
    }

    private HandshakeStep<BrokerOutcome> SendDomain() =>
        Send(ControlWords.UserData(_domain), ControlWords.ShortReplyLimit, State.AwaitDomainAck);

    private SendAndReceive<BrokerOutcome> Send(ReadOnlySpan<byte> message, int replyLimit, State next) =>
        Send(message.ToArray(), replyLimit, next);

    private SendAndReceive<BrokerOutcome> Send(byte[] message, int replyLimit, State next)
    {
        _state = next;
        return new SendAndReceive<BrokerOutcome>(message, replyLimit);
    }

    private SendAndFinish<BrokerOutcome> Finish(ReadOnlySpan<byte> message, BrokerOutcome outcome) => Finish(message.ToArray(), outcome);

    private SendAndFinish<BrokerOutcome> Finish(byte[] message, BrokerOutcome outcome)
    {
        _state = State.Done;
        return new SendAndFinish<BrokerOutcome>(message, outcome);
    }

    private PowerShellDirectException Closed()
    {
        var waitingFor = _state switch
        {
            State.AwaitVersion => "its protocol version",
            State.AwaitToken => "the session token",
            State.AwaitCredentialVerdict => "its verdict on the credential",
            State.AwaitProbeUserAck or State.AwaitProbeVerdict => "the end of the old-broker probe",
            _ => "an acknowledgement",
        };
        _state = State.Done;
        return new PowerShellDirectException(
            PowerShellDirectError.ConnectionClosed,
            $"the virtual machine's credential broker closed the connection while the client waited for {waitingFor}.");
    }
}
