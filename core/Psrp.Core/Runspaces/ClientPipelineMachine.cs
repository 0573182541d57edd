using Psrp.Messages;

namespace Psrp.Runspaces;

/// <summary>
/// The client side of one pipeline, without I/O: the bodies to send for invoke, input and end of
/// input, and the meaning of each received body, moving through the states in <see cref="Table"/>.
/// </summary>
public sealed class ClientPipelineMachine
{
    private static readonly PSInvocationState[] Active = [PSInvocationState.Running, PSInvocationState.Stopping];

    /// <summary>Every transition of a client pipeline.</summary>
    internal static StateTable<PSInvocationState, PipelineTrigger> Table { get; } = new StateTable<PSInvocationState, PipelineTrigger>()
        .Allow(PSInvocationState.NotStarted, PipelineTrigger.Invoke, PSInvocationState.Running)
        .Allow(PSInvocationState.Running, PipelineTrigger.ServerRunning, PSInvocationState.Running)
        .Allow(PSInvocationState.Stopping, PipelineTrigger.ServerRunning, PSInvocationState.Stopping)
        .Allow(PSInvocationState.Running, PipelineTrigger.Stop, PSInvocationState.Stopping)
        .Allow(Active, PipelineTrigger.ServerStopping, PSInvocationState.Stopping)
        .Allow(Active, PipelineTrigger.ServerStopped, PSInvocationState.Stopped)
        .Allow(Active, PipelineTrigger.ServerCompleted, PSInvocationState.Completed)
        .Allow(Active, PipelineTrigger.ServerFailed, PSInvocationState.Failed)
        .Allow(Active, PipelineTrigger.ServerDisconnected, PSInvocationState.Disconnected)
        .Allow([PSInvocationState.NotStarted, .. Active], PipelineTrigger.TransportFailed, PSInvocationState.Failed)
        .Allow(Active, PipelineTrigger.StartCancelled, PSInvocationState.Stopped);

    private bool _inputEnded;

    /// <summary>Creates the machine for pipeline <paramref name="id"/>.</summary>
    public ClientPipelineMachine(Guid id)
    {
        Id = id;
    }

    /// <summary>The pipeline id (PID).</summary>
    public Guid Id { get; }

    /// <summary>The current state.</summary>
    public PSInvocationState State { get; private set; } = PSInvocationState.NotStarted;

    /// <summary>True in Stopped, Completed and Failed.</summary>
    public bool IsFinished => State is PSInvocationState.Stopped or PSInvocationState.Completed or PSInvocationState.Failed;

    /// <summary>Applies a trigger; false (and no change) when the table does not allow it.</summary>
    public bool Fire(PipelineTrigger trigger)
    {
        if (!Table.TryNext(State, trigger, out var next))
        {
            return false;
        }

        State = next;
        return true;
    }

    /// <summary>Starts the pipeline: the CREATE_PIPELINE body to send.</summary>
    public CreatePipeline Invoke(CreatePipeline create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!Fire(PipelineTrigger.Invoke))
        {
            throw new InvalidOperationException($"A pipeline can be invoked once; this one is {State}.");
        }

        _inputEnded = create.NoInput;
        return create;
    }

    /// <summary>An input object to send.</summary>
    public PipelineInput Input(object? value)
    {
        RequireInputOpen();
        return new PipelineInput(value);
    }

    /// <summary>The end-of-input marker to send.</summary>
    public EndOfPipelineInput EndInput()
    {
        RequireInputOpen();
        _inputEnded = true;
        return new EndOfPipelineInput();
    }

    private void RequireInputOpen()
    {
        if (_inputEnded)
        {
            throw new InvalidOperationException("The pipeline takes no more input.");
        }

        if (State != PSInvocationState.Running)
        {
            throw new InvalidOperationException($"The pipeline is {State}; input needs it Running.");
        }
    }

    /// <summary>Interprets a received pipeline-level body.</summary>
    public PipelineEvent? Receive(PsrpPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (IsFinished && payload is not PipelineStateMessage)
        {
            // PowerShell can flush records that were in flight when the state went terminal; drop them.
            return null;
        }

        return payload switch
        {
            PipelineOutput output => new OutputReceived(output.Value),
            ErrorRecordMessage error => new ErrorReceived(error.Record),
            InformationalRecordMessage record => new InformationalReceived(record.MessageType, record.Record),
            ProgressRecordMessage progress => new ProgressReceived(progress.Record),
            InformationRecordMessage information => new InformationReceived(information.Record),
            RemoteHostCall { IsPipelineCall: true } call => new PipelineHostCallReceived(call),
            PipelineStateMessage state => ApplyServerState(state),
            _ => throw new PsrpProtocolException(PsrpProtocolError.UnexpectedMessage, $"A client does not expect {payload.MessageType} on a pipeline."),
        };
    }

    private PipelineStateChanged? ApplyServerState(PipelineStateMessage message)
    {
        var trigger = message.State switch
        {
            PSInvocationState.Running => PipelineTrigger.ServerRunning,
            PSInvocationState.Stopping => PipelineTrigger.ServerStopping,
            PSInvocationState.Stopped => PipelineTrigger.ServerStopped,
            PSInvocationState.Completed => PipelineTrigger.ServerCompleted,
            PSInvocationState.Failed => PipelineTrigger.ServerFailed,
            PSInvocationState.Disconnected => PipelineTrigger.ServerDisconnected,
            _ => throw new PsrpProtocolException(PsrpProtocolError.InvalidValue, $"The server reported pipeline state {message.State}."),
        };

        if (IsFinished)
        {
            // A second terminal report (e.g. Stopped racing Completed) does not reopen anything.
            return null;
        }

        if (!Fire(trigger))
        {
            throw new PsrpProtocolException(PsrpProtocolError.UnexpectedMessage, $"The server reported {message.State} while the pipeline was {State}.");
        }

        return new PipelineStateChanged(State, message.Error);
    }
}
