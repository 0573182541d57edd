using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Psrp.Diagnostics;
using Psrp.Host;
using Psrp.Messages;
using Psrp.Runspaces;
using Psrp.Serialization;
using Psrp.Transport;

namespace Psrp.Client;

/// <summary>
/// A remote pipeline: build it (commands, parameters, arguments, scripts, statements), then
/// <see cref="InvokeAsync"/> it once. Output streams back while the pipeline runs; the record
/// streams are in <see cref="Streams"/>; input can stream in from an <see cref="IAsyncEnumerable{T}"/>.
/// Cancelling or abandoning the enumeration stops the remote pipeline; nothing waits forever.
/// </summary>
public sealed class RemotePipeline
{
    private readonly RunspacePool _pool;
    private readonly List<List<PipelineCommand>> _statements = [[]];
    private readonly ClientPipelineMachine _machine;
    private readonly TaskCompletionSource<PipelineStateChanged> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<RemoteHostCall> _hostCalls = Channel.CreateUnbounded<RemoteHostCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abandoned = new();

    // How long host calls made before the pipeline ended may still take to be handled (InvokeAsync waits as long).
    private static readonly TimeSpan HostCallGrace = TimeSpan.FromSeconds(5);

    // Cancelled when nobody will read output any more (stop requested, enumeration left): the
    // receive loop then drops output instead of waiting for room, so stopping never deadlocks.
    private readonly CancellationTokenSource _outputUnwanted = new();
    private PipelineOutputQueue? _output;

    // Started by the first host call: most pipelines make none, and a loop per pipeline was a
    // task, a thread-pool hop and a timer on every one-line round trip.
    private Task? _hostLoop;
    private int _invoked;
    private int _stopRequested;

    // Set once the server has the pipeline: a stop asked for before that is sent right after it.
    private volatile bool _created;

    internal RemotePipeline(RunspacePool pool)
    {
        _pool = pool;
        _machine = new ClientPipelineMachine(Guid.NewGuid());
    }

    /// <summary>The pipeline id.</summary>
    public Guid Id => _machine.Id;

    /// <summary>The current state.</summary>
    public PSInvocationState State => _machine.State;

    /// <summary>The error, warning, verbose, debug, information and progress records.</summary>
    public PipelineStreams Streams { get; } = new();

    /// <summary>Add the invocation to the remote history.</summary>
    public bool AddToHistory { get; set; }

    /// <summary>
    /// The text the remote history shows for this invocation (with <see cref="AddToHistory"/>), when it
    /// should differ from the commands sent (e.g. the line the user typed). Null: the commands.
    /// </summary>
    public string? History { get; set; }

    /// <summary>
    /// Which records the server sends with their invocation info. The default, all of them, is what
    /// PowerShell's <c>PowerShell</c> class asks for; its Invoke-Command and Enter-PSSession ask for none.
    /// </summary>
    public RemoteStreamOptions RemoteStreamOptions { get; set; } = RemoteStreamOptions.AddInvocationInfo;

    /// <summary>The terminal error when the pipeline failed or was stopped.</summary>
    public PsErrorRecord? FinalError { get; private set; }

    private List<PipelineCommand> Current => _statements[^1];

    /// <summary>Adds a command to the current statement.</summary>
    public RemotePipeline AddCommand(string command, bool? useLocalScope = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ThrowIfInvoked();
        Current.Add(new PipelineCommand(command) { UseLocalScope = useLocalScope });
        return this;
    }

    /// <summary>Adds a script to the current statement.</summary>
    public RemotePipeline AddScript(string script, bool? useLocalScope = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ThrowIfInvoked();
        Current.Add(new PipelineCommand(script, isScript: true) { UseLocalScope = useLocalScope });
        return this;
    }

    /// <summary>Adds a named parameter to the last command.</summary>
    public RemotePipeline AddParameter(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return AddCommandParameter(new CommandParameter(name, value));
    }

    /// <summary>Adds a switch parameter (<c>-Name</c>) to the last command.</summary>
    public RemotePipeline AddParameter(string name) => AddParameter(name, true);

    /// <summary>Adds several named parameters to the last command.</summary>
    public RemotePipeline AddParameters(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (name, value) in parameters)
        {
            AddParameter(name, value);
        }

        return this;
    }

    /// <summary>Adds a positional argument to the last command.</summary>
    public RemotePipeline AddArgument(object? value) => AddCommandParameter(new CommandParameter(null, value));

    /// <summary>Ends the current statement; following commands form a new statement (like <c>;</c>).</summary>
    public RemotePipeline AddStatement()
    {
        ThrowIfInvoked();
        if (Current.Count > 0)
        {
            _statements.Add([]);
        }

        return this;
    }

    /// <summary>Sends the last command's error stream to its output (<c>2&gt;&amp;1</c>).</summary>
    public RemotePipeline MergeErrorToOutput() => UpdateLast(c => c with { MergeError = PipelineResultTypes.Output });

    /// <summary>Sends every stream of the last command to its output (<c>*&gt;&amp;1</c>).</summary>
    public RemotePipeline MergeAllToOutput() => UpdateLast(c => c with
    {
        MergeError = PipelineResultTypes.Output,
        MergeWarning = PipelineResultTypes.Output,
        MergeVerbose = PipelineResultTypes.Output,
        MergeDebug = PipelineResultTypes.Output,
        MergeInformation = PipelineResultTypes.Output,
    });

    private RemotePipeline AddCommandParameter(CommandParameter parameter) =>
        UpdateLast(c => c with { Parameters = [.. c.Parameters, parameter] });

    private RemotePipeline UpdateLast(Func<PipelineCommand, PipelineCommand> update)
    {
        ThrowIfInvoked();
        if (Current.Count == 0)
        {
            throw new InvalidOperationException("Add a command or script first.");
        }

        Current[^1] = update(Current[^1]);
        return this;
    }

    private void ThrowIfInvoked()
    {
        if (Volatile.Read(ref _invoked) != 0)
        {
            throw new InvalidOperationException("The pipeline was already invoked; build a new one.");
        }
    }

    // How long a cancelled invocation waits for the server to confirm the stop before handing
    // control back; a healthy server confirms well within it, so the state is then Stopped.
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs the pipeline and yields its output as it arrives. With <paramref name="input"/>, its
    /// items stream to the pipeline's input (then end of input). Ends normally when the pipeline
    /// completes; throws <see cref="PipelineFailedException"/> (with the remote ErrorRecord),
    /// <see cref="PipelineStoppedException"/>, or the transport's error.
    /// </summary>
    public async IAsyncEnumerable<PsObject?> InvokeAsync(
        IAsyncEnumerable<object?>? input = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _invoked, 1) != 0)
        {
            throw new InvalidOperationException("A pipeline can be invoked once; build a new one.");
        }

        var statements = _statements.Where(s => s.Count > 0).Select(s => (IReadOnlyList<PipelineCommand>)s.ToArray()).ToArray();
        if (statements.Length == 0)
        {
            throw new InvalidOperationException("The pipeline has no commands.");
        }

        _output = new PipelineOutputQueue(_pool.Options.OutputBufferCapacity);

        using var activity = PsrpTelemetry.StartActivity(PsrpTelemetry.InvokeActivity, _pool.Transport.Capabilities.Name);
        activity?.SetTag("psrp.pipeline.id", Id);
        var started = PsrpTelemetry.StartTiming(PsrpTelemetry.PipelineHistogram);
        var create = _machine.Invoke(new CreatePipeline
        {
            Statements = statements,
            NoInput = input is null,
            AddToHistory = AddToHistory,
            History = History,
            RemoteStreamOptions = RemoteStreamOptions,
        });
        _pool.Register(this);
        Task? inputPump = null;
        try
        {
            var bytes = new ArrayBufferWriter<byte>(1024);
            _pool.Encode(create, Id, bytes);
            try
            {
                await _pool.Transport.CreatePipelineAsync(Id, bytes.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Given up before the server confirmed the start (e.g. while it did not ack the Command): it may
                // never report a state, so the pipeline ends here, and closing its channel (in the finally
                // below) ends whatever the server did start.
                _machine.Fire(PipelineTrigger.StartCancelled);
                _finished.TrySetResult(new PipelineStateChanged(PSInvocationState.Stopped, null));
                throw;
            }

            _created = true;
            if (Volatile.Read(ref _stopRequested) != 0)
            {
                // A stop that raced the start (e.g. Ctrl+C right after Enter) is not lost.
                await _pool.Transport.StopPipelineAsync(Id, cancellationToken).ConfigureAwait(false);
            }
            if (input is not null)
            {
                inputPump = Task.Run(() => PumpInputAsync(input), CancellationToken.None);
            }

            var batch = new List<PsObject?>();
            while (await _output.TakeAsync(batch, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }

            var final = await _finished.Task.ConfigureAwait(false);
            if (inputPump is not null)
            {
                await inputPump.ConfigureAwait(false);
            }

            switch (final.State)
            {
                case PSInvocationState.Failed:
                    throw new PipelineFailedException(final.Error);
                case PSInvocationState.Stopped:
                    throw new PipelineStoppedException(final.Error);
            }
        }
        finally
        {
            // The channel close goes on in the background: the caller has every result already,
            // and waiting for CloseAck would add a round trip to every pipeline.
            var finishing = FinishAsync(waitForClose: false);
            var givenUp = cancellationToken.IsCancellationRequested;
            if (givenUp)
            {
                // The caller cancelled: a server that does not confirm the stop (frozen, or far away)
                // must not hold it for CloseTimeout. After a short grace the stop and the channel
                // close go on in the background, tracked by the pool.
                try
                {
                    await finishing.WaitAsync(CancelGrace).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    _pool.TrackPipelineClose(finishing);
                }
            }
            else
            {
                await finishing.ConfigureAwait(false);
            }

            SessionTelemetry.PipelineEnded(activity, started, _pool.Transport.Capabilities.Name, State, _finished.Task.IsFaulted);
            if (!givenUp && Volatile.Read(ref _hostLoop) is { IsCompleted: false } hostLoop)
            {
                await Task.WhenAny(hostLoop, Task.Delay(HostCallGrace)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the running pipeline and waits (bounded) until the server reports it stopped.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!await RequestStopAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await _finished.Task.WaitAsync(_pool.Options.CloseTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new PsrpTransportException(_pool.Transport.Capabilities.Name, TransportPhase.StopPipeline, $"the pipeline did not stop within {_pool.Options.CloseTimeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is PsrpTransportException or PsrpRemoteException or ObjectDisposedException)
        {
            // The pipeline ended anyway; its consumer sees why.
        }
    }

    /// <summary>Sends the stop signal once; false when there is nothing to stop.</summary>
    private async Task<bool> RequestStopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _invoked) == 0 || _machine.IsFinished)
        {
            return false;
        }

        if (Interlocked.Exchange(ref _stopRequested, 1) != 0)
        {
            // Already signalled; the caller just waits for the final state.
            return true;
        }

        _machine.Fire(PipelineTrigger.Stop);
        CancelQuietly(_outputUnwanted);
        if (_created)
        {
            await _pool.Transport.StopPipelineAsync(Id, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Stops (if needed) and releases the pipeline; bounded in time, never throws.</summary>
    private async Task FinishAsync(bool waitForClose = true)
    {
        using var timeout = new CancellationTokenSource(_pool.Options.CloseTimeout);
        CancelQuietly(_outputUnwanted);
        try
        {
            if (!_machine.IsFinished && _pool.Failure is null)
            {
                await RequestStopAsync(timeout.Token).ConfigureAwait(false);
                await _finished.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            }

            if (_pool.Failure is null)
            {
                var close = CloseChannelAsync();
                if (waitForClose)
                {
                    await close.ConfigureAwait(false);
                }
                else
                {
                    _pool.TrackPipelineClose(close);
                }
            }
        }
        catch (Exception ex) when (ex is PsrpTransportException or PsrpRemoteException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            // Cleanup after a failure: the caller already has (or gets) the real error.
        }
        finally
        {
            _hostCalls.Writer.TryComplete();
            if (_machine.IsFinished && _pool.Failure is null)
            {
                // The server ended the pipeline: the host calls it made before that (a last warning line,
                // SetShouldExit for `exit 5`) are still handled, in order; only one that hangs (a prompt
                // nobody answers) is given up after a grace period. Cancelling at once dropped them.
                CancelAfterQuietly(_abandoned, HostCallGrace);
            }
            else
            {
                CancelQuietly(_abandoned);
            }

            _pool.Unregister(this);
        }
    }

    private async Task CloseChannelAsync()
    {
        using var timeout = new CancellationTokenSource(_pool.Options.CloseTimeout);
        try
        {
            await _pool.Transport.ClosePipelineAsync(Id, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PsrpTransportException or OperationCanceledException or ObjectDisposedException)
        {
            // A channel that cannot be closed belongs to a connection that is going away anyway.
        }
    }

    /// <summary>Called when the pool closes while this pipeline is still registered.</summary>
    internal Task AbandonAsync() => FinishAsync();

    private async Task PumpInputAsync(IAsyncEnumerable<object?> input)
    {
        try
        {
            await foreach (var item in input.WithCancellation(_abandoned.Token).ConfigureAwait(false))
            {
                if (_machine.IsFinished)
                {
                    return;
                }

                await _pool.SendAsync(_machine.Input(item), Id, PsrpStreamKind.Default, _abandoned.Token).ConfigureAwait(false);
            }

            if (!_machine.IsFinished)
            {
                await _pool.SendAsync(_machine.EndInput(), Id, PsrpStreamKind.Default, _abandoned.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or PsrpTransportException or InvalidOperationException or ObjectDisposedException)
        {
            // The pipeline ended (or the connection died) while input was still flowing; its state says why.
        }
    }

    private async Task HostCallLoopAsync()
    {
        try
        {
            await foreach (var call in _hostCalls.Reader.ReadAllAsync(_abandoned.Token).ConfigureAwait(false))
            {
                var response = await HostCallDispatcher.InvokeAsync(_pool.Host, call, _pool.ProtectAsync, _abandoned.Token).ConfigureAwait(false);
                if (response is not null)
                {
                    await _pool.SendHostResponseAsync(call, response, Id, _abandoned.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or PsrpTransportException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Handles a body the pool routed here (on the receive loop).</summary>
    internal async ValueTask OnReceivedAsync(PsrpPayload body)
    {
        switch (_machine.Receive(body))
        {
            case OutputReceived output:
                try
                {
                    // Waiting in here is the backpressure that keeps a slow consumer's memory bounded.
                    if (await _output!.AddAsync(Wrap(output.Value), _outputUnwanted.Token).ConfigureAwait(false))
                    {
                        _pool.OutputHidden(this);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Nobody reads any more: drop the output.
                }

                break;
            case ErrorReceived error:
                Streams.AddError(error.Record);
                break;
            case InformationalReceived record:
                Streams.AddInformational(record.Stream, record.Record);
                break;
            case InformationReceived information:
                Streams.AddInformation(information.Record);
                break;
            case ProgressReceived progress:
                Streams.AddProgress(progress.Record);
                break;
            case PipelineHostCallReceived hostCall:
                _hostCalls.Writer.TryWrite(hostCall.Call);
                if (_hostLoop is null)
                {
                    // Only the receive loop gets here, so the loop starts once.
                    Volatile.Write(ref _hostLoop, Task.Run(HostCallLoopAsync, CancellationToken.None));
                }
                break;
            case PipelineStateChanged { State: PSInvocationState.Stopped or PSInvocationState.Completed or PSInvocationState.Failed } final:
                FinalError = final.Error;
                _finished.TrySetResult(final);
                _output!.Complete();
                break;
        }
    }

    /// <summary>Shows the consumer the output added so far if the oldest has waited <paramref name="window"/>; false if it has to wait on.</summary>
    internal bool FlushOutputIfDue(TimeSpan window) => _output?.FlushIfDue(window) ?? true;

    /// <summary>Shows the consumer the output added so far.</summary>
    internal void FlushOutput() => _output?.Flush();

    /// <summary>Fails the pipeline because the pool or connection died.</summary>
    internal void Fail(Exception error)
    {
        _machine.Fire(PipelineTrigger.TransportFailed);
        _finished.TrySetException(error);
        _output?.Complete(error);
        _hostCalls.Writer.TryComplete();
        CancelQuietly(_outputUnwanted);
        CancelQuietly(_abandoned);
    }

    private static void CancelAfterQuietly(CancellationTokenSource source, TimeSpan delay)
    {
        try
        {
            source.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Output objects are PsObjects, as in PowerShell; primitives become their base value.</summary>
    private static PsObject? Wrap(object? value) => value switch
    {
        null => null,
        PsObject obj => obj,
        _ => new PsObject { BaseValue = value },
    };
}
