using Psrp.Messages;

namespace Psrp.Runspaces;

/// <summary>
/// The client side of a runspace pool, without I/O: it says which bodies to send for each user
/// intent and turns each received pool-level body into an event, moving through the states in
/// <see cref="Table"/>. The driver in <c>Client/</c> does the sending, receiving and waiting.
/// </summary>
public sealed class ClientRunspacePoolMachine
{
    private static readonly RunspacePoolState[] Live =
        [RunspacePoolState.BeforeOpen, RunspacePoolState.Opening, RunspacePoolState.Opened, RunspacePoolState.Closing];

    /// <summary>Every transition of a client pool.</summary>
    internal static StateTable<RunspacePoolState, PoolTrigger> Table { get; } = new StateTable<RunspacePoolState, PoolTrigger>()
        .Allow(RunspacePoolState.BeforeOpen, PoolTrigger.Open, RunspacePoolState.Opening)
        .Allow(RunspacePoolState.Opening, PoolTrigger.ServerOpened, RunspacePoolState.Opened)
        .Allow([RunspacePoolState.Opening, RunspacePoolState.Opened, RunspacePoolState.Closing], PoolTrigger.ServerBroken, RunspacePoolState.Broken)
        .Allow([RunspacePoolState.Opened, RunspacePoolState.Closing], PoolTrigger.ServerClosed, RunspacePoolState.Closed)
        .Allow([RunspacePoolState.Opening, RunspacePoolState.Opened], PoolTrigger.Close, RunspacePoolState.Closing)
        .Allow(RunspacePoolState.Closing, PoolTrigger.CloseCompleted, RunspacePoolState.Closed)
        .Allow(Live, PoolTrigger.TransportFailed, RunspacePoolState.Broken);

    private readonly RunspacePoolSettings _settings;
    private long _nextCallId;

    /// <summary>Creates the machine for pool <paramref name="id"/>.</summary>
    public ClientRunspacePoolMachine(Guid id, RunspacePoolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Id = id;
        _settings = settings;
    }

    /// <summary>The pool id (RPID; on WSMan also the ShellId).</summary>
    public Guid Id { get; }

    /// <summary>The current state.</summary>
    public RunspacePoolState State { get; private set; } = RunspacePoolState.BeforeOpen;

    /// <summary>The negotiated protocol version: the server's answer, or null before it arrives.</summary>
    public Version? ProtocolVersion { get; private set; }

    /// <summary>The version this client announced.</summary>
    public Version ClientProtocolVersion => _settings.ProtocolVersion;

    /// <summary>Applies a trigger; false (and no change) when the table does not allow it.</summary>
    public bool Fire(PoolTrigger trigger)
    {
        if (!Table.TryNext(State, trigger, out var next))
        {
            return false;
        }

        State = next;
        return true;
    }

    /// <summary>Starts opening: the two bodies PowerShell ships together in the first payload.</summary>
    public IReadOnlyList<PsrpPayload> Open()
    {
        if (!Fire(PoolTrigger.Open))
        {
            throw new InvalidOperationException($"The runspace pool cannot be opened in state {State}.");
        }

        return
        [
            SessionCapability.ForClient(_settings.ProtocolVersion),
            new InitRunspacePool
            {
                MinRunspaces = _settings.MinRunspaces,
                MaxRunspaces = _settings.MaxRunspaces,
                ThreadOptions = _settings.ThreadOptions,
                ApartmentState = _settings.ApartmentState,
                HostInfo = _settings.HostInfo,
                ApplicationArguments = _settings.ApplicationArguments,
            },
        ];
    }

    /// <summary>A new call id for SetMin/Max, GetAvailable and Reset requests.</summary>
    public long NextCallId() => Interlocked.Increment(ref _nextCallId);

    /// <summary>The body that resets the runspace state; needs protocol 2.3.</summary>
    public ResetRunspaceState ResetRunspaceState()
    {
        RequireOpened();
        if (ProtocolVersion is { } v && v < new Version(2, 3))
        {
            throw new NotSupportedException($"The server speaks protocol {v}; resetting the runspace state needs 2.3 or later.");
        }

        return new ResetRunspaceState(NextCallId());
    }

    /// <summary>Checks a request can go out now.</summary>
    public void RequireOpened()
    {
        if (State != RunspacePoolState.Opened)
        {
            throw new InvalidOperationException($"The runspace pool is {State}; it must be Opened.");
        }
    }

    /// <summary>Interprets a received pool-level body. Bodies that make no sense now are protocol errors.</summary>
    public RunspacePoolEvent? Receive(PsrpPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        switch (payload)
        {
            case SessionCapability capability:
                return Negotiate(capability);
            case ApplicationPrivateData data:
                return new PrivateDataReceived(data.Data);
            case RunspacePoolStateMessage state:
                return ApplyServerState(state);
            case RunspaceAvailability availability:
                return new AvailabilityReceived(availability);
            case RemoteHostCall { IsPipelineCall: false } call:
                return new PoolHostCallReceived(call);
            case UserEvent userEvent:
                return new UserEventReceived(userEvent);
            case EncryptedSessionKey key:
                return new SessionKeyReceived(key);
            case PublicKeyRequest:
                return new PublicKeyRequested();
            case RunspacePoolInitData:
                return null;
            default:
                throw new PsrpProtocolException(PsrpProtocolError.UnexpectedMessage, $"A client does not expect {payload.MessageType} on the runspace pool.");
        }
    }

    private ProtocolNegotiated Negotiate(SessionCapability server)
    {
        if (State != RunspacePoolState.Opening || ProtocolVersion is not null)
        {
            throw new PsrpProtocolException(PsrpProtocolError.UnexpectedMessage, $"SESSION_CAPABILITY arrived in state {State}.");
        }

        // The server answers with the version both sides will speak: the client's, or an older one.
        var v = server.ProtocolVersion;
        if (v.Major != 2 || v > _settings.ProtocolVersion)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"The server answered protocol version {v}, which this client (announcing {_settings.ProtocolVersion}) cannot speak.");
        }

        if (server.SerializationVersion.Major != 1 || server.SerializationVersion.Minor != 1)
        {
            throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"The server uses serialization version {server.SerializationVersion}; 1.1 is required.");
        }

        ProtocolVersion = v;
        return new ProtocolNegotiated(v, server);
    }

    private PoolStateChanged? ApplyServerState(RunspacePoolStateMessage message)
    {
        var trigger = message.State switch
        {
            RunspacePoolState.Opened => PoolTrigger.ServerOpened,
            RunspacePoolState.Broken => PoolTrigger.ServerBroken,
            RunspacePoolState.Closed => PoolTrigger.ServerClosed,
            _ => (PoolTrigger?)null,
        };

        // Intermediate states the server may report (Opening, Closing …) change nothing here.
        if (trigger is null)
        {
            return null;
        }

        if (!Fire(trigger.Value))
        {
            throw new PsrpProtocolException(PsrpProtocolError.UnexpectedMessage, $"The server reported {message.State} while the pool was {State}.");
        }

        return new PoolStateChanged(State, message.Error);
    }
}
