using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Psrp.Diagnostics;
using Psrp.Fragments;
using Psrp.Host;
using Psrp.Messages;
using Psrp.Runspaces;
using Psrp.Security;
using Psrp.Serialization;
using Psrp.Transport;

namespace Psrp.Client;

/// <summary>
/// A remote runspace pool: the public entry point for running PowerShell remotely. It drives the
/// sans-IO <see cref="ClientRunspacePoolMachine"/> over an <see cref="IPsrpTransport"/>: one receive
/// loop reassembles fragments, decodes messages and routes them to the pool or its pipelines;
/// sends are fragmented to the transport's size. When the connection dies, every waiter — open,
/// pool requests, running pipelines — fails at once with the transport's error.
/// </summary>
public sealed class RunspacePool : IAsyncDisposable
{
    private readonly IPsrpTransport _transport;
    private readonly RunspacePoolOptions _options;
    private readonly ClientRunspacePoolMachine _machine;
    private readonly Fragmenter _fragmenter;
    private readonly ConcurrentDictionary<Guid, RemotePipeline> _pipelines = new();

    // Unfinished objects of all channels together (RunspacePoolOptions.MaxReceivedUnfinishedSize).
    private readonly ReceiveBudget _receiveBudget;
    private readonly RetiredPipelineIds _retiredPipelines = new();
    private readonly OutputFlushScheduler _outputFlush;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<RunspaceAvailability>> _calls = new();
    private readonly Dictionary<(Guid, PsrpStreamKind), FragmentAssembler> _assemblers = [];
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Channel<RemoteHostCall> _poolHostCalls = Channel.CreateUnbounded<RemoteHostCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _keyExchangeLock = new(1, 1);
    private readonly object _stateGate = new();
    private readonly ConcurrentDictionary<Task, byte> _pendingPipelineCloses = new();
    private Task? _receiveLoop;
    private Task? _hostCallLoop;
    private Exception? _failure;
    private SecureStringCodec? _secureStrings;
    private SessionKeyExchange? _keyExchange;
    private readonly CommandDataQuota _commandQuota;
    private TaskCompletionSource<EncryptedSessionKey>? _sessionKeyReply;
    private int _disposed;

    private RunspacePool(IPsrpTransport transport, RunspacePoolOptions options)
    {
        _transport = transport;
        _options = options;
        _receiveBudget = new ReceiveBudget(options.ReceivedUnfinishedLimit);
        _outputFlush = new OutputFlushScheduler(options.OutputBatchWindow);
        var settings = options.Settings;
        if (options.Host is { } host)
        {
            // Pipelines use the pool's host; tell the server which parts of it exist.
            settings = settings with
            {
                HostInfo = new HostInfo
                {
                    IsHostNull = false,
                    IsHostUINull = host.UI is null,
                    IsHostRawUINull = host.UI?.RawUI is null,
                    UseRunspaceHost = true,
                    DefaultData = host.UI?.RawUI is { } raw ? RawUIDefaults(raw) : null,
                },
            };
        }

        _machine = new ClientRunspacePoolMachine(Guid.NewGuid(), settings);
        _fragmenter = new Fragmenter(transport.Capabilities.MaxFragmentSize);
        _commandQuota = new CommandDataQuota(options.MaxReceivedDataSizePerCommand);
    }

    /// <summary>The pool id.</summary>
    public Guid Id => _machine.Id;

    /// <summary>The pool state.</summary>
    public RunspacePoolState State => _machine.State;

    /// <summary>The negotiated protocol version (the server's answer).</summary>
    public Version ProtocolVersion => _machine.ProtocolVersion ?? _machine.ClientProtocolVersion;

    /// <summary>The server's capability message.</summary>
    public SessionCapability? ServerCapability { get; private set; }

    /// <summary>The server's APPLICATION_PRIVATE_DATA (contains <c>PSVersionTable</c>).</summary>
    public PsDictionary? ApplicationPrivateData { get; private set; }

    /// <summary>The transport under this pool.</summary>
    public IPsrpTransport Transport => _transport;

    /// <summary>The host host calls are routed to, if any.</summary>
    public IPsrpHost? Host => _options.Host;

    /// <summary>Raised for each forwarded engine event (on the receive loop: keep handlers short).</summary>
    public event Action<UserEvent>? UserEventReceived;

    /// <summary>The error that broke the pool, if it is broken.</summary>
    public Exception? Failure => _failure;

    internal RunspacePoolOptions Options => _options;

    internal CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Opens a runspace pool on <paramref name="transport"/>; the pool owns the transport from here on.</summary>
    public static async Task<RunspacePool> OpenAsync(IPsrpTransport transport, RunspacePoolOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        options ??= new RunspacePoolOptions();
        options.Validate();
        var pool = new RunspacePool(transport, options);
        using var activity = PsrpTelemetry.StartActivity(PsrpTelemetry.OpenActivity, transport.Capabilities.Name);
        var started = PsrpTelemetry.StartTiming(PsrpTelemetry.OpenHistogram);
        try
        {
            await pool.OpenCoreAsync(cancellationToken).ConfigureAwait(false);
            activity?.SetTag("psrp.runspacepool.id", pool.Id);
            PsrpTelemetry.RecordDuration(PsrpTelemetry.OpenHistogram, started, new(PsrpTelemetry.TransportTag, transport.Capabilities.Name));
            return pool;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            await pool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task OpenCoreAsync(CancellationToken cancellationToken)
    {
        var bodies = _machine.Open();
        var bytes = new ArrayBufferWriter<byte>(2048);
        foreach (var body in bodies)
        {
            Encode(body, Guid.Empty, bytes);
        }

        // A transport with a reader thread of its own runs the receive step there (one thread hop less
        // per message); the loop below then only sees the connection end. Others queue on Received.
        if (_transport is IDirectReceiveTransport direct)
        {
            direct.TryReceiveDirectly(new DirectReceiver(this));
        }

        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        _hostCallLoop = Task.Run(PoolHostCallLoopAsync, CancellationToken.None);
        await _transport.OpenRunspacePoolAsync(Id, bytes.WrittenMemory, cancellationToken).ConfigureAwait(false);
        try
        {
            await _opened.Task.WaitAsync(_options.OpenTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new PsrpTransportException(_transport.Capabilities.Name, TransportPhase.OpenRunspacePool, $"the server did not open the runspace pool within {_options.OpenTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Creates a pipeline builder on this pool.</summary>
    public RemotePipeline CreatePipeline() => new(this);

    /// <summary>Runs <paramref name="script"/> and collects its output (a shortcut for simple calls).</summary>
    public async Task<IReadOnlyList<PsObject?>> InvokeScriptAsync(string script, CancellationToken cancellationToken = default)
    {
        var results = new List<PsObject?>();
        await foreach (var item in CreatePipeline().AddScript(script).InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            results.Add(item);
        }

        return results;
    }

    /// <summary>Changes the maximum number of runspaces; true when the server accepted.</summary>
    public async Task<bool> SetMaxRunspacesAsync(int maxRunspaces, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(new SetMaxRunspaces(maxRunspaces, _machine.NextCallId()), cancellationToken).ConfigureAwait(false);
        return reply.Succeeded ?? false;
    }

    /// <summary>Changes the minimum number of runspaces; true when the server accepted.</summary>
    public async Task<bool> SetMinRunspacesAsync(int minRunspaces, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(new SetMinRunspaces(minRunspaces, _machine.NextCallId()), cancellationToken).ConfigureAwait(false);
        return reply.Succeeded ?? false;
    }

    /// <summary>How many runspaces are free to run a pipeline now.</summary>
    public async Task<long> GetAvailableRunspacesAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(new GetAvailableRunspaces(_machine.NextCallId()), cancellationToken).ConfigureAwait(false);
        return reply.AvailableRunspaces ?? (reply.Succeeded == true ? 1 : 0);
    }

    /// <summary>Resets the runspace to a clean state (variables, functions); protocol 2.3+.</summary>
    public async Task<bool> ResetRunspaceStateAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(_machine.ResetRunspaceState(), cancellationToken).ConfigureAwait(false);
        return reply.Succeeded ?? false;
    }

    private async Task<RunspaceAvailability> RequestAsync(PsrpPayload request, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        _machine.RequireOpened();
        var callId = request switch
        {
            SetMaxRunspaces r => r.CallId,
            SetMinRunspaces r => r.CallId,
            GetAvailableRunspaces r => r.CallId,
            ResetRunspaceState r => r.CallId,
            _ => throw new ArgumentException("Not a pool request.", nameof(request)),
        };
        var reply = new TaskCompletionSource<RunspaceAvailability>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[callId] = reply;
        try
        {
            await SendAsync(request, Guid.Empty, PsrpStreamKind.Default, cancellationToken).ConfigureAwait(false);
            return await reply.Task.WaitAsync(_options.OpenTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new PsrpTransportException(_transport.Capabilities.Name, TransportPhase.Receive, $"the server did not answer {request.MessageType} within {_options.OpenTimeout.TotalSeconds:0} s.");
        }
        finally
        {
            _calls.TryRemove(callId, out _);
        }
    }

    /// <summary>Closes the pool: waits for the server's close acknowledgement, then releases the transport.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        using var activity = PsrpTelemetry.StartActivity(PsrpTelemetry.CloseActivity, _transport.Capabilities.Name);
        if (_failure is null && _machine.Fire(PoolTrigger.Close))
        {
            foreach (var pipeline in _pipelines.Values)
            {
                await pipeline.AbandonAsync().ConfigureAwait(false);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.CloseTimeout);
            try
            {
                // The server acknowledges the pool's close only after every pipeline channel is closed.
                await Task.WhenAll(_pendingPipelineCloses.Keys).WaitAsync(timeout.Token).ConfigureAwait(false);
                await _transport.CloseRunspacePoolAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PsrpTransportException or OperationCanceledException)
            {
                // Closing a connection that is already gone (or too slow to answer) still closes the pool.
            }

            _machine.Fire(PoolTrigger.CloseCompleted);
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Fail(new ObjectDisposedException(nameof(RunspacePool), "The runspace pool was closed."), closing: true);
        await _transport.DisposeAsync().ConfigureAwait(false);
        var loops = new[] { _receiveLoop, _hostCallLoop }.Where(t => t is not null).Cast<Task>().ToArray();
        await Task.WhenAny(Task.WhenAll(loops), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        foreach (var assembler in _assemblers.Values)
        {
            assembler.Dispose();
        }

        _keyExchange?.Dispose();
        _secureStrings?.Dispose();
        _outputFlush.Dispose();
        _lifetime.Dispose();
    }

    internal void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw _failure is ObjectDisposedException
                ? new ObjectDisposedException(nameof(RunspacePool), "The runspace pool is closed.")
                : _failure;
        }
    }

    internal void Register(RemotePipeline pipeline)
    {
        ThrowIfFailed();
        _machine.RequireOpened();
        _pipelines[pipeline.Id] = pipeline;
    }

    internal void Unregister(RemotePipeline pipeline)
    {
        // Remembered first: a message arriving in between must not look like one for a stranger.
        _retiredPipelines.Add(pipeline.Id);
        _pipelines.TryRemove(pipeline.Id, out _);
    }

    /// <summary>
    /// The pipeline a message or fragment names, or null when it ran here and ended (late data is
    /// dropped). An id this pool never ran is a protocol error: dropping its messages silently left
    /// a pipeline whose final state came under a wrong id waiting forever.
    /// </summary>
    private RemotePipeline? PipelineFor(Guid pipelineId)
    {
        if (_pipelines.TryGetValue(pipelineId, out var pipeline))
        {
            return pipeline;
        }

        if (_retiredPipelines.Contains(pipelineId))
        {
            return null;
        }

        throw new PsrpProtocolException(PsrpProtocolError.UnexpectedMessage, $"The server sent data for pipeline {pipelineId}, which this client never created.");
    }

    /// <summary>Remembers a pipeline channel close running in the background, so closing the pool waits for it.</summary>
    internal void TrackPipelineClose(Task close)
    {
        _pendingPipelineCloses[close] = 0;
        _ = close.ContinueWith(t => _pendingPipelineCloses.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Encodes one body as fragments of a message to the server.</summary>
    internal void Encode(PsrpPayload body, Guid pipelineId, IBufferWriter<byte> output)
    {
        var data = new ArrayBufferWriter<byte>(256);
        var serializing = SessionTelemetry.StartSerialization();
        PsrpPayloadCodec.Encode(data, body, ProtocolVersion);
        SessionTelemetry.EndSerialization(serializing, body.MessageType);
        SessionTelemetry.MessageSent(_transport.Capabilities.Name, body.MessageType, data.WrittenCount, _fragmenter);
        var message = new PsrpMessage(Destination.Server, body.MessageType, Id, pipelineId, data.WrittenMemory);
        _fragmenter.WriteMessage(message, output);
    }

    /// <summary>
    /// Sends a host call's response on the prompt-response stream. An answer that cannot be sent (a
    /// value that cannot be serialized) is replaced by an error response, so the server still gets an
    /// answer and the caller's host-call loop goes on serving later calls.
    /// </summary>
    internal async ValueTask SendHostResponseAsync(RemoteHostCall call, RemoteHostResponse response, Guid pipelineId, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(response, pipelineId, PsrpStreamKind.PromptResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or PsrpTransportException or ObjectDisposedException))
        {
            await SendAsync(HostCallDispatcher.ErrorResponse(call, ex), pipelineId, PsrpStreamKind.PromptResponse, cancellationToken).ConfigureAwait(false);
        }
    }

    internal async ValueTask SendAsync(PsrpPayload body, Guid pipelineId, PsrpStreamKind stream, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        var bytes = new ArrayBufferWriter<byte>(256);
        Encode(body, pipelineId, bytes);
        await _transport.SendAsync(pipelineId, stream, bytes.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns clear text into the wire form of a SecureString, running the key exchange first when the protocol needs it.</summary>
    internal async ValueTask<PsSecureString> ProtectAsync(string plaintext, CancellationToken cancellationToken)
    {
        var codec = await GetSecureStringCodecAsync(cancellationToken).ConfigureAwait(false);
        return codec.Encode(plaintext);
    }

    /// <summary>Reads the clear text of a SecureString the server sent.</summary>
    public async ValueTask<string> UnprotectAsync(PsSecureString value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var codec = await GetSecureStringCodecAsync(cancellationToken).ConfigureAwait(false);
        return codec.Decode(value);
    }

    private async ValueTask<SecureStringCodec> GetSecureStringCodecAsync(CancellationToken cancellationToken)
    {
        await _keyExchangeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfFailed();
            _secureStrings ??= new SecureStringCodec(_machine.ClientProtocolVersion, ProtocolVersion);
            if (_secureStrings.IsReady)
            {
                return _secureStrings;
            }

            // Protocol < 2.4 on either side: the client starts the exchange (psrp-facts §3.5).
            _keyExchange ??= new SessionKeyExchange();
            _sessionKeyReply = new TaskCompletionSource<EncryptedSessionKey>(TaskCreationOptions.RunContinuationsAsynchronously);
            await SendAsync(_keyExchange.PublicKey, Guid.Empty, PsrpStreamKind.Default, cancellationToken).ConfigureAwait(false);
            EncryptedSessionKey reply;
            try
            {
                reply = await _sessionKeyReply.Task.WaitAsync(_options.OpenTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new PsrpTransportException(_transport.Capabilities.Name, TransportPhase.Receive, $"the server sent no session key within {_options.OpenTimeout.TotalSeconds:0} s.");
            }

            _secureStrings.SetSessionKey(_keyExchange.DecryptSessionKey(reply));
            return _secureStrings;
        }
        finally
        {
            _keyExchangeLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            var received = _transport.Received;
            while (await received.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (received.TryRead(out var data))
                {
                    await HandleDataAsync(data).ConfigureAwait(false);
                }

                // Nothing more has arrived: output decoded so far goes to its consumers (now or soon).
                _outputFlush.Drained();
            }

            Fail(new PsrpTransportException(_transport.Capabilities.Name, TransportPhase.Receive, "the connection ended."), closing: _machine.State is RunspacePoolState.Closing or RunspacePoolState.Closed);
        }
        catch (Exception ex)
        {
            // Nothing observes this task: ending it with the exception would leave every waiter
            // waiting. Whatever it was, the pool fails with it, typed.
            FailOnReceiveError(ex);
        }
    }

    /// <summary>The receive step on a transport's own reader thread: after a failure, data is dropped.</summary>
    private async ValueTask ReceiveDirectlyAsync(TransportData data)
    {
        if (_failure is not null)
        {
            data.Release();
            return;
        }

        try
        {
            await HandleDataAsync(data).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            FailOnReceiveError(ex);
        }
    }

    /// <summary>The receive step as a transport's reader thread calls it.</summary>
    private sealed class DirectReceiver(RunspacePool pool) : IDirectReceiver
    {
        public ValueTask ReceiveAsync(TransportData data) => pool.ReceiveDirectlyAsync(data);

        public void Drained() => pool._outputFlush.Drained();
    }

    /// <summary>
    /// Fails the pool for an error of the receive step, whatever it is. An exception nobody expected
    /// (a bug, an event handler that throws) still ends the receive step, so it fails the pool too,
    /// typed, with the exception inside: left to propagate, it ended the receive loop quietly (on a
    /// transport without a reader thread of its own nothing observes that task) and every waiter hung.
    /// </summary>
    private void FailOnReceiveError(Exception error)
    {
        switch (error)
        {
            case PsrpTransportException ex:
                Fail(ex);
                break;
            case PsrpProtocolException ex:
                Fail(new PsrpTransportException(_transport.Capabilities.Name, TransportPhase.Receive, $"the server broke the protocol: {ex.Message}", ex));
                break;
            case RunspacePoolBrokenException ex:
                Fail(ex);
                break;
            case ChannelClosedException or ObjectDisposedException or OperationCanceledException:
                Fail(new PsrpTransportException(_transport.Capabilities.Name, TransportPhase.Receive, error.Message, error));
                break;
            default:
                Fail(new PsrpTransportException(_transport.Capabilities.Name, TransportPhase.Receive, $"handling received data failed unexpectedly ({error.GetType().Name}: {error.Message}).", error));
                break;
        }
    }

    /// <summary>A pipeline has output its consumer cannot see yet (called by the receive step).</summary>
    internal void OutputHidden(RemotePipeline pipeline) => _outputFlush.Hidden(pipeline);

    private async ValueTask HandleDataAsync(TransportData data)
    {
        if (data.PipelineFailure is { } lost)
        {
            FailPipeline(data.PipelineId, lost);
            return;
        }

        var key = (data.PipelineId, data.Stream);
        if (data.PipelineId != Guid.Empty)
        {
            RemotePipeline? live;
            try
            {
                live = PipelineFor(data.PipelineId);
            }
            catch
            {
                data.Release();
                throw;
            }

            if (live is null)
            {
                // Late data for a pipeline that ended here is never read: not assembling it keeps a
                // server from holding partial objects on the channels of pipelines long gone.
                data.Release();
                if (_assemblers.Remove(key, out var stale))
                {
                    stale.Dispose();
                    _commandQuota.Forget(data.PipelineId);
                }

                return;
            }
        }

        if (!_assemblers.TryGetValue(key, out var assembler))
        {
            assembler = new FragmentAssembler(_options.MaxReceivedObjectSize, _receiveBudget);
            _assemblers[key] = assembler;
        }

        if (_commandQuota.Exceeds(data.PipelineId, data.Bytes.Length))
        {
            data.Release();
            FailOverQuota(data.PipelineId);
            return;
        }

        var fragmentsBefore = assembler.FragmentCount;
        var received = data.Bytes.Length;
        try
        {
            assembler.Feed(data.Bytes.Span);
        }
        finally
        {
            // The assembler copied the bytes; a transport's rented buffer can go back now.
            data.Release();
        }

        SessionTelemetry.FragmentsReceived(_transport.Capabilities.Name, assembler.FragmentCount - fragmentsBefore, received);
        while (assembler.TryRead(out var assembled))
        {
            Guid pipelineId;
            PsrpPayload body;
            using (assembled)
            {
                var message = PsrpMessage.Decode(assembled.Memory);
                if (message.Destination != Destination.Client)
                {
                    throw new PsrpProtocolException(PsrpProtocolError.InvalidMessageHeader, $"A message for {message.Destination} reached the client.");
                }

                pipelineId = message.PipelineId;
                SessionTelemetry.MessageReceived(_transport.Capabilities.Name, message.MessageType, assembled.Memory.Length);
                var deserializing = SessionTelemetry.StartDeserialization();
                body = PsrpPayloadCodec.Decode(message.MessageType, message.Data, _options.ClixmlLimits);
                SessionTelemetry.EndDeserialization(deserializing, message.MessageType);
            }

            if (pipelineId != Guid.Empty)
            {
                // Late messages for a pipeline already closed here are dropped.
                if (PipelineFor(pipelineId) is { } pipeline)
                {
                    await pipeline.OnReceivedAsync(body).ConfigureAwait(false);
                }
            }
            else
            {
                OnPoolEvent(_machine.Receive(body));
            }
        }

        if (data.PipelineId != Guid.Empty && !_pipelines.ContainsKey(data.PipelineId) && !assembler.HasPartialObject)
        {
            _assemblers.Remove(key);
            assembler.Dispose();
            _commandQuota.Forget(data.PipelineId);
        }
    }

    /// <summary>A pipeline received more than its quota: it fails and is stopped; the pool goes on.</summary>
    private void FailOverQuota(Guid pipelineId) =>
        FailPipeline(pipelineId, new PsrpTransportException(_transport.Capabilities.Name, TransportPhase.Receive,
            $"pipeline {pipelineId} received more than {_commandQuota.Limit} bytes, the limit set by MaxReceivedDataSizePerCommand; its channel is closed."));

    /// <summary>One pipeline fails (over quota, or its channel lost); the pool and the other pipelines go on.</summary>
    private void FailPipeline(Guid pipelineId, PsrpTransportException error)
    {
        if (!_pipelines.TryGetValue(pipelineId, out var pipeline))
        {
            return;
        }

        pipeline.Fail(error);

        // Its own cleanup closes the channel, which ends the command on the server (no stop race).
        Unregister(pipeline);
    }

    private void OnPoolEvent(RunspacePoolEvent? poolEvent)
    {
        switch (poolEvent)
        {
            case ProtocolNegotiated negotiated:
                ServerCapability = negotiated.Server;
                _transport.OnProtocolNegotiated(ProtocolVersion);
                _fragmenter.MaxFragmentSize = _transport.Capabilities.MaxFragmentSize;
                break;
            case PrivateDataReceived privateData:
                ApplicationPrivateData = privateData.Data;
                break;
            case PoolStateChanged { State: RunspacePoolState.Opened }:
                _opened.TrySetResult();
                break;
            case PoolStateChanged { State: RunspacePoolState.Broken } broken:
                throw new RunspacePoolBrokenException(broken.Error);
            case PoolStateChanged { State: RunspacePoolState.Closed }:
                _closed.TrySetResult();
                break;
            case AvailabilityReceived availability:
                if (_calls.TryGetValue(availability.Response.CallId, out var call))
                {
                    call.TrySetResult(availability.Response);
                }

                break;
            case PoolHostCallReceived hostCall:
                _poolHostCalls.Writer.TryWrite(hostCall.Call);
                break;
            case UserEventReceived userEvent:
                UserEventReceived?.Invoke(userEvent.Event);
                break;
            case SessionKeyReceived sessionKey:
                if (_sessionKeyReply is null || !_sessionKeyReply.TrySetResult(sessionKey.Key))
                {
                    throw new PsrpProtocolException(PsrpProtocolError.UnexpectedMessage, "The server sent a session key nobody asked for.");
                }

                break;
            case PublicKeyRequested:
                // Old servers ask first; answer in the background so the receive loop keeps going.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await GetSecureStringCodecAsync(_lifetime.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is PsrpTransportException or PsrpProtocolException or OperationCanceledException or ObjectDisposedException)
                    {
                    }
                });
                break;
        }
    }

    private async Task PoolHostCallLoopAsync()
    {
        try
        {
            await foreach (var call in _poolHostCalls.Reader.ReadAllAsync(_lifetime.Token).ConfigureAwait(false))
            {
                var response = await HostCallDispatcher.InvokeAsync(_options.Host, call, ProtectAsync, _lifetime.Token).ConfigureAwait(false);
                if (response is not null)
                {
                    await SendHostResponseAsync(call, response, Guid.Empty, _lifetime.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or PsrpTransportException or ObjectDisposedException)
        {
            // The pool is going away; its failure has already been reported to every waiter.
        }
    }

    /// <summary>Records the pool's failure once and fails every waiter with it.</summary>
    private void Fail(Exception error, bool closing = false)
    {
        lock (_stateGate)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = error;
        }

        closing |= _machine.State is RunspacePoolState.Closing or RunspacePoolState.Closed;
        if (!closing)
        {
            _machine.Fire(error is RunspacePoolBrokenException ? PoolTrigger.ServerBroken : PoolTrigger.TransportFailed);
        }

        _opened.TrySetException(error);
        _closed.TrySetResult();
        _sessionKeyReply?.TrySetException(error);
        foreach (var call in _calls.Values)
        {
            call.TrySetException(error);
        }

        foreach (var pipeline in _pipelines.Values)
        {
            pipeline.Fail(error);
        }

        _poolHostCalls.Writer.TryComplete();
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static HostDefaultData RawUIDefaults(IPsrpHostRawUI raw)
    {
        try
        {
            return new HostDefaultData
            {
                ForegroundColor = raw.ForegroundColor,
                BackgroundColor = raw.BackgroundColor,
                CursorPosition = raw.CursorPosition,
                WindowPosition = raw.WindowPosition,
                CursorSize = raw.CursorSize,
                BufferSize = raw.BufferSize,
                WindowSize = raw.WindowSize,
                MaxWindowSize = raw.MaxWindowSize,
                MaxPhysicalWindowSize = raw.MaxPhysicalWindowSize,
                WindowTitle = raw.WindowTitle,
            };
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            // A console that cannot report its state (redirected output) simply sends no defaults.
            return new HostDefaultData();
        }
    }
}
