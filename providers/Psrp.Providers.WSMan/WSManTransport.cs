using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Psrp.Providers.WSMan.Http;
using Psrp.Providers.WSMan.Soap;
using Psrp.Transport;

namespace Psrp.Providers.WSMan;

/// <summary>
/// One runspace pool over WS-Management: the pool is a shell (Create with the opening fragments in
/// <c>creationXml</c>, Delete to close), each pipeline a command (Command with CREATE_PIPELINE in
/// <c>rsp:Arguments</c>, Signal to stop or end it). Data goes out with Send (<c>stdin</c>, host
/// responses on <c>pr</c>) and comes back through one pending Receive on the shell and one per
/// running command; an OperationTimeout fault on a Receive only means "no data yet".
/// </summary>
/// <remarks>
/// Round trips are kept to the minimum: the first fragments ride in Create and Command, the shell's
/// Receive starts right after Create, a command's Receive right after its CommandResponse, and
/// nothing waits for a reply it does not need. Default-stream data (pipeline input above all) is
/// queued per shell or command and sent one Send at a time, each Send carrying whatever queued up while
/// the previous one was out, up to one fragment size (<see cref="PackedFragmentSender"/>), as
/// PowerShell's WSMan client does. A failed Receive or Send (connection refused or reset, a fault) fails
/// every waiter at once through <see cref="Received"/>.
/// </remarks>
public sealed class WSManTransport : IPsrpTransport
{
    // How long past its OperationTimeout a Receive may take before the connection is declared dead.
    private static readonly TimeSpan ReceiveGrace = TimeSpan.FromSeconds(30);

    private readonly WSManConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly WSManClient _client;
    private readonly Channel<TransportData> _received;
    private readonly ConcurrentDictionary<Guid, CommandChannel> _commands = new();
    private readonly ConcurrentDictionary<(Guid, PsrpStreamKind), SemaphoreSlim> _sendLocks = new();
    private readonly ConcurrentDictionary<Guid, PackedFragmentSender> _senders = new();
    private readonly CancellationTokenSource _dead = new();
    private WSManRequestContext _context;
    private int _maxPayload;
    private string? _shellId;
    private Task? _shellReceive;
    private Exception? _failure;
    private volatile bool _closing;
    private bool _deleted;
    private int _disposed;

    internal WSManTransport(WSManConnectionOptions options, ILogger logger)
    {
        options.Validate();
        _options = options;
        _logger = logger;
        _client = new WSManClient(options, logger);
        _context = new WSManRequestContext
        {
            To = options.Endpoint,
            ResourceUri = options.ResourceUri,
            MaxEnvelopeSize = options.InitialMaxEnvelopeSize,
            OperationTimeout = options.OperationTimeout,
            Locale = CultureName(options.UICulture ?? CultureInfo.CurrentUICulture),
            DataLocale = CultureName(options.Culture ?? CultureInfo.CurrentCulture),
        };
        _maxPayload = ShellRequests.MaxPayload(_context, _context.MaxEnvelopeSize);
        Capabilities = new TransportCapabilities { Name = WSManTransportProvider.Name, MaxFragmentSize = FragmentSize() };
        _received = Channel.CreateBounded<TransportData>(new BoundedChannelOptions(64)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <inheritdoc />
    public TransportCapabilities Capabilities { get; private set; }

    /// <inheritdoc />
    public ChannelReader<TransportData> Received => _received.Reader;

    /// <summary>HTTP round trips and bytes on the wire so far.</summary>
    public WSManTrafficStatistics Statistics => _client.Statistics;

    /// <summary>The endpoint requests go to (after any redirect that was followed).</summary>
    public Uri Endpoint => _client.Endpoint;

    /// <summary>The shell id (the pool id, upper case) once the shell exists.</summary>
    public string? ShellId => _shellId;

    /// <summary>The client session id sent with every request (<c>wsmv:SessionId</c>).</summary>
    public Guid SessionId => _context.SessionId;

    /// <summary>The MaxEnvelopeSize in force.</summary>
    public int MaxEnvelopeSize => _context.MaxEnvelopeSize;

    /// <inheritdoc />
    /// <remarks>Protocol 2.2 and later means WinRM 3.0 or later: the envelope (and so the fragment) size rises to 500 KiB unless it was set explicitly.</remarks>
    public void OnProtocolNegotiated(Version protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(protocolVersion);
        if (_options.MaxEnvelopeSize is null && protocolVersion >= new Version(2, 2) && _context.MaxEnvelopeSize < WSManConnectionOptions.ModernMaxEnvelopeSize)
        {
            _context = _context with { MaxEnvelopeSize = WSManConnectionOptions.ModernMaxEnvelopeSize };
            _maxPayload = ShellRequests.MaxPayload(_context, _context.MaxEnvelopeSize);
            Capabilities = Capabilities with { MaxFragmentSize = FragmentSize() };
            _logger.LogDebug("WSMan: protocol {Version}; MaxEnvelopeSize {Size}, fragments up to {Fragment} bytes.", protocolVersion, _context.MaxEnvelopeSize, FragmentSize());
        }
    }

    /// <inheritdoc />
    public async ValueTask OpenRunspacePoolAsync(Guid runspacePoolId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        ThrowIfFailed(TransportPhase.OpenRunspacePool);
        if (_shellId is not null)
        {
            throw new InvalidOperationException("The shell is already open.");
        }

        var first = FragmentChunks.FirstLength(fragments.Span, _maxPayload);
        var protocol = CreationProtocol.Version(fragments, "2.3");
        var requested = ShellRequests.Id(runspacePoolId);
        var response = await RequestAsync(
            "Create",
            context => ShellRequests.Create(context, runspacePoolId, protocol, _options.IdleTimeout, fragments[..first], _options.OpenTimeout),
            _options.OpenTimeout,
            TransportPhase.OpenRunspacePool,
            cancellationToken).ConfigureAwait(false);

        // WinRM keeps the ShellId PowerShell asks for; should a server choose its own, that one names the shell.
        _shellId = response.ShellId is { Length: > 0 } id ? id : requested;
        if (!string.Equals(_shellId, requested, StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogDebug("WSMan: the server named the shell {ShellId} instead of {Requested}.", _shellId, requested);
        }

        _shellReceive = Task.Run(() => ReceiveLoopAsync(null, _dead.Token), CancellationToken.None);
        if (first < fragments.Length)
        {
            await QueueAsync(null, fragments[first..], TransportPhase.OpenRunspacePool, cancellationToken).ConfigureAwait(false);
            await WhenWrittenAsync(null, TransportPhase.OpenRunspacePool, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CreatePipelineAsync(Guid pipelineId, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        if (pipelineId == Guid.Empty)
        {
            throw new ArgumentException("A pipeline id cannot be the empty GUID.", nameof(pipelineId));
        }

        var shellId = RequireShell(TransportPhase.CreatePipeline);
        var command = new CommandChannel(CancellationTokenSource.CreateLinkedTokenSource(_dead.Token));
        if (!_commands.TryAdd(pipelineId, command))
        {
            command.Dispose();
            throw new InvalidOperationException($"The pipeline {pipelineId} already exists.");
        }

        try
        {
            var first = FragmentChunks.FirstLength(fragments.Span, _maxPayload);
            var response = await RequestAsync(
                "Command",
                context => ShellRequests.Command(context, shellId, pipelineId, fragments[..first]),
                _options.OperationTimeout,
                TransportPhase.CreatePipeline,
                cancellationToken).ConfigureAwait(false);
            if (response.CommandId is { } commandId && (!Guid.TryParse(commandId, out var answered) || answered != pipelineId))
            {
                throw new PsrpTransportException(WSManTransportProvider.Name, TransportPhase.CreatePipeline, $"the server created command {commandId}, not the requested {ShellRequests.Id(pipelineId)}.");
            }

            command.Receive = Task.Run(() => ReceiveLoopAsync(pipelineId, command.Lifetime.Token), CancellationToken.None);
            if (first < fragments.Length)
            {
                // Written before this returns, so a Signal sent next (a stop racing the start) follows the whole CREATE_PIPELINE.
                await QueueAsync(pipelineId, fragments[first..], TransportPhase.CreatePipeline, cancellationToken).ConfigureAwait(false);
                await WhenWrittenAsync(pipelineId, TransportPhase.CreatePipeline, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            if (_commands.TryRemove(pipelineId, out var removed))
            {
                removed.Cancel();
            }

            DropSender(pipelineId, TransportPhase.CreatePipeline, "the pipeline could not be created.");
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Default-stream data returns once it is queued for its shell or command (bounded: a full queue
    /// waits), not once sent: what queues up while that channel's previous Send is out goes in the next
    /// Send, packed up to one fragment size. A failed Send fails the transport, so the failure reaches the
    /// session through <see cref="Received"/> and every later call. PromptResponse data (host responses)
    /// is sent at once, in its own Send.
    /// </remarks>
    public ValueTask SendAsync(Guid pipelineId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, CancellationToken cancellationToken)
    {
        RequireShell(TransportPhase.Send);
        var commandId = pipelineId == Guid.Empty ? (Guid?)null : pipelineId;
        return stream == PsrpStreamKind.Default
            ? QueueAsync(commandId, fragments, TransportPhase.Send, cancellationToken)
            : SendChunksAsync(commandId, stream, fragments, TransportPhase.Send, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask StopPipelineAsync(Guid pipelineId, CancellationToken cancellationToken)
    {
        if (pipelineId == Guid.Empty)
        {
            throw new ArgumentException("Only pipelines can be stopped.", nameof(pipelineId));
        }

        var shellId = RequireShell(TransportPhase.StopPipeline);
        await RequestAsync(
            "Signal",
            context => ShellRequests.Signal(context, shellId, pipelineId, WSManActions.PowerShellStopSignal, _options.CancelTimeout),
            _options.CancelTimeout,
            TransportPhase.StopPipeline,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ClosePipelineAsync(Guid pipelineId, CancellationToken cancellationToken)
    {
        if (pipelineId == Guid.Empty)
        {
            throw new ArgumentException("Use CloseRunspacePoolAsync for the shell.", nameof(pipelineId));
        }

        var shellId = RequireShell(TransportPhase.ClosePipeline);
        if (!_commands.TryGetValue(pipelineId, out var command))
        {
            return;
        }

        command.Closing = true;

        // Input still queued for a command being terminated has nowhere to go.
        DropSender(pipelineId, TransportPhase.ClosePipeline, "the pipeline was closed.");
        try
        {
            await RequestAsync(
                "Signal",
                context => ShellRequests.Signal(context, shellId, pipelineId, WSManActions.TerminateSignal, _options.CancelTimeout),
                _options.CancelTimeout,
                TransportPhase.ClosePipeline,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_commands.TryRemove(pipelineId, out var removed))
            {
                removed.Cancel();
            }

            _sendLocks.TryRemove((pipelineId, PsrpStreamKind.Default), out _);
            _sendLocks.TryRemove((pipelineId, PsrpStreamKind.PromptResponse), out _);
        }
    }

    /// <inheritdoc />
    public async ValueTask CloseRunspacePoolAsync(CancellationToken cancellationToken)
    {
        var shellId = RequireShell(TransportPhase.CloseRunspacePool);

        // What the session queued before closing goes out first.
        await WhenWrittenAsync(null, TransportPhase.CloseRunspacePool, cancellationToken).ConfigureAwait(false);
        _closing = true;
        try
        {
            await DeleteAsync(shellId, _options.CancelTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            StopReceiving();
            _received.Writer.TryComplete();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var shellId = _shellId;
        // Tried even after a failure: a fault or a lost pipeline leaves the shell alive on the server.
        var abandoned = shellId is not null && !_deleted;
        _closing = true;
        StopReceiving();
        if (abandoned)
        {
            // A shell left open holds a process on the server until its idle timeout: try to delete it, briefly.
            try
            {
                await DeleteAsync(shellId!, TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (PsrpTransportException ex)
            {
                _logger.LogDebug("WSMan: deleting the abandoned shell {ShellId} failed: {Message}", shellId, ex.Message);
            }
        }

        Fail(new PsrpTransportException(WSManTransportProvider.Name, TransportPhase.CloseRunspacePool, "the transport was disposed."));
        var loops = _commands.Values.Select(c => c.Receive).Append(_shellReceive).OfType<Task>().ToArray();
        await Task.WhenAny(Task.WhenAll(loops), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _client.Dispose();
        _dead.Dispose();
    }

    private async Task DeleteAsync(string shellId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await RequestAsync(
            "Delete",
            context => ShellRequests.Delete(context, shellId, timeout),
            timeout,
            TransportPhase.CloseRunspacePool,
            cancellationToken,
            ignoreFailure: true).ConfigureAwait(false);
        _deleted = true;
    }

    private void StopReceiving()
    {
        foreach (var command in _commands.Values)
        {
            command.Cancel();
        }

        try
        {
            _dead.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Queues Default-stream fragments on the shell's or a command's sender (created on first use).</summary>
    private ValueTask QueueAsync(Guid? commandId, ReadOnlyMemory<byte> fragments, TransportPhase phase, CancellationToken cancellationToken)
    {
        var shellId = RequireShell(phase);
        var key = commandId ?? Guid.Empty;
        var sender = _senders.GetOrAdd(key, _ => CreateSender(shellId, commandId));

        // A sender created just as the transport died would otherwise wait for a pump that never runs.
        if (_failure is not null)
        {
            sender.Fail(Failure(phase));
        }

        return EnqueueAsync(sender, fragments, phase, cancellationToken);
    }

    private static async ValueTask EnqueueAsync(PackedFragmentSender sender, ReadOnlyMemory<byte> fragments, TransportPhase phase, CancellationToken cancellationToken)
    {
        try
        {
            await sender.EnqueueAsync(fragments, cancellationToken).ConfigureAwait(false);
        }
        catch (PsrpTransportException ex) when (ex.Phase != phase)
        {
            throw PsrpTransportException.ForFailure(WSManTransportProvider.Name, phase, ex);
        }
    }

    /// <summary>Waits until the channel's queued Default-stream data has all been sent.</summary>
    private async ValueTask WhenWrittenAsync(Guid? commandId, TransportPhase phase, CancellationToken cancellationToken)
    {
        if (!_senders.TryGetValue(commandId ?? Guid.Empty, out var sender))
        {
            return;
        }

        try
        {
            await sender.WhenWrittenAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PsrpTransportException ex) when (ex.Phase != phase)
        {
            throw PsrpTransportException.ForFailure(WSManTransportProvider.Name, phase, ex);
        }
    }

    /// <summary>
    /// The sender of one channel's Default stream: one Send out at a time (the pump awaits each), each
    /// carrying as many whole queued fragments as fit in the payload the envelope allows.
    /// </summary>
    /// <remarks>
    /// The payload limit is the one in force when the sender is created: a shell sender created while
    /// opening keeps the smaller pre-negotiation envelope, which is always safe.
    /// </remarks>
    private PackedFragmentSender CreateSender(string shellId, Guid? commandId) => new(
        _maxPayload,
        int.MaxValue,
        static _ => ValueTask.CompletedTask,
        async (payload, cancellationToken) => await RequestAsync(
            "Send",
            context => ShellRequests.Send(context, shellId, commandId, "stdin", payload),
            _options.OperationTimeout,
            TransportPhase.Send,
            cancellationToken).ConfigureAwait(false),
        error => SendFailed(commandId, error));

    /// <summary>
    /// What a failed queued Send means. The data was accepted from the caller already, so the failure
    /// cannot go back to it: a broken connection fails the whole transport (as a failed Receive does), and
    /// so does a fault on the shell's stream. A fault on a command's stream (typically: the command has
    /// already ended on the server, so its input is moot) ends only that command's sender, and the
    /// pipeline's next SendAsync reports it.
    /// </summary>
    private Exception SendFailed(Guid? commandId, Exception error)
    {
        if (_failure is not null)
        {
            return Failure(TransportPhase.Send);
        }

        if (commandId is not null && error is WSManFaultException fault)
        {
            _logger.LogDebug("WSMan: a Send to command {CommandId} failed: {Message}", commandId, fault.Message);
            return fault;
        }

        return Fail(error as PsrpTransportException ?? new PsrpTransportException(WSManTransportProvider.Name, TransportPhase.Send, $"sending failed: {error.Message}", error));
    }

    private void DropSender(Guid channel, TransportPhase phase, string reason)
    {
        if (_senders.TryRemove(channel, out var sender))
        {
            sender.Fail(new PsrpTransportException(WSManTransportProvider.Name, phase, reason));
        }
    }

    private async ValueTask SendChunksAsync(Guid? commandId, PsrpStreamKind stream, ReadOnlyMemory<byte> fragments, TransportPhase phase, CancellationToken cancellationToken)
    {
        var shellId = RequireShell(phase);
        var name = stream == PsrpStreamKind.PromptResponse ? "pr" : "stdin";

        // Fragments of one message must not interleave with another's on the same stream.
        var gate = _sendLocks.GetOrAdd((commandId ?? Guid.Empty, stream), static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var chunk in FragmentChunks.Split(fragments, _maxPayload))
            {
                await RequestAsync(
                    "Send",
                    context => ShellRequests.Send(context, shellId, commandId, name, chunk),
                    _options.OperationTimeout,
                    phase,
                    cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ReceiveLoopAsync(Guid? commandId, CancellationToken cancellationToken)
    {
        var shellId = _shellId!;
        var channel = commandId ?? Guid.Empty;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                WSManResponse response;
                try
                {
                    response = await _client.SendAsync(
                        "Receive",
                        uri => ShellRequests.Receive(_context with { To = uri }, shellId, commandId),
                        _options.OperationTimeout + ReceiveGrace,
                        TransportPhase.Receive,
                        _context.MaxEnvelopeSize,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (WSManFaultException ex) when (ex.Fault.IsOperationTimeout)
                {
                    // No data within OperationTimeout: the normal idle answer of a long poll.
                    continue;
                }

                foreach (var stream in response.Streams())
                {
                    if (stream.Bytes.Length > 0)
                    {
                        await _received.Writer.WriteAsync(new TransportData(stream.CommandId ?? channel, PsrpStreamKind.Default, stream.Bytes), cancellationToken).ConfigureAwait(false);
                    }
                }

                if (commandId is not null && response.CommandState() is { IsDone: true })
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
        catch (PsrpTransportException ex)
        {
            // A Receive answered with a fault because its command or shell is being closed (or was
            // cancelled for that) is the end of that channel, not a broken connection.
            if (_closing || cancellationToken.IsCancellationRequested || (commandId is { } id && _commands.TryGetValue(id, out var command) && command.Closing))
            {
                return;
            }

            // WinRM no longer knows this command (w:InvalidSelectors, e.g. after its own cleanup):
            // only that pipeline is lost; the shell and its other commands go on.
            if (commandId is { } lost && ex is WSManFaultException { Fault.IsInvalidSelectors: true } fault)
            {
                _logger.LogWarning("WSMan: the server no longer knows command {CommandId} ({Message}); failing that pipeline only.", lost, fault.Fault.Message);
                try
                {
                    await _received.Writer.WriteAsync(TransportData.ForPipelineFailure(lost, fault), _dead.Token).ConfigureAwait(false);
                }
                catch (Exception gone) when (gone is OperationCanceledException or ChannelClosedException)
                {
                }

                return;
            }

            Fail(ex);
        }
    }

    private async Task<WSManResponse> RequestAsync(
        string operation,
        Func<WSManRequestContext, (byte[] Envelope, Guid MessageId)> build,
        TimeSpan timeout,
        TransportPhase phase,
        CancellationToken cancellationToken,
        bool ignoreFailure = false)
    {
        if (!ignoreFailure)
        {
            ThrowIfFailed(phase);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, ignoreFailure ? CancellationToken.None : _dead.Token);
        try
        {
            return await _client.SendAsync(operation, uri => build(_context with { To = uri }), timeout, phase, _context.MaxEnvelopeSize, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _failure is not null)
        {
            throw Failure(phase);
        }
        catch (PsrpTransportException ex) when (!ignoreFailure && phase != TransportPhase.ClosePipeline && ex is not WSManFaultException)
        {
            // The connection is unusable (refused, reset, timed out): every waiter learns it now.
            throw Fail(ex);
        }
    }

    private string RequireShell(TransportPhase phase)
    {
        ThrowIfFailed(phase);
        return _shellId ?? throw new InvalidOperationException("The shell is not open yet.");
    }

    private void ThrowIfFailed(TransportPhase phase)
    {
        if (_failure is not null)
        {
            throw Failure(phase);
        }
    }

    private PsrpTransportException Failure(TransportPhase phase) =>
        PsrpTransportException.ForFailure(WSManTransportProvider.Name, phase, _failure);

    /// <summary>Records the first failure and wakes every waiter with it.</summary>
    private Exception Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _failure, error, null) is null)
        {
            _received.Writer.TryComplete(error);
            StopReceiving();
            foreach (var sender in _senders.Values)
            {
                sender.Fail(error);
            }
        }

        return _failure!;
    }

    private static string CultureName(CultureInfo culture) => string.IsNullOrEmpty(culture.Name) ? "en-US" : culture.Name;

    /// <summary>A command's receive loop and whether it is being closed.</summary>
    private sealed class CommandChannel(CancellationTokenSource lifetime) : IDisposable
    {
        public CancellationTokenSource Lifetime { get; } = lifetime;

        public Task? Receive { get; set; }

        public volatile bool Closing;

        public void Cancel()
        {
            try
            {
                Lifetime.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose() => Lifetime.Dispose();
    }

    // A smaller fragment size asked for in the options; the envelope still carries as many as fit.
    private int FragmentSize() => Math.Min(_maxPayload, _options.MaxFragmentSize ?? int.MaxValue);
}
